// Where batches are shared with other machines: empty for this machine only, or the Redis address
// that machines running `pixmill worker --redis …` take jobs from. Refused in words when the
// person leaves the field; Start lists it too.
import { useId, useState } from 'react';
import { parseRedisUrl, REDIS_FIELD_ID } from '../lib/redis-url';
import { useAppStore } from '../store';

export function SharedQueueField() {
  const text = useAppStore((s) => s.redisText);
  const setText = useAppStore((s) => s.setRedisText);
  const hintId = useId();
  const messageId = useId();
  const parsed = parseRedisUrl(text);
  const [left, setLeft] = useState(() => !parsed.ok);
  const message = !parsed.ok && left ? parsed.message : null;

  return (
    <div className="field shared-queue">
      <label htmlFor={REDIS_FIELD_ID}>Other machines (Redis)</label>
      <input
        id={REDIS_FIELD_ID}
        type="text"
        spellCheck={false}
        autoComplete="off"
        placeholder="This machine only"
        value={text}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${messageId} ${hintId}` : hintId}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => setLeft(true)}
        onKeyDown={(e) => e.key === 'Enter' && setLeft(true)}
      />
      {message && (
        <p className="field-message" role="alert" id={messageId}>
          {message}
        </p>
      )}
      <p className="hint muted" id={hintId}>
        {parsed.ok && parsed.url
          ? 'The machines running pixmill worker with this address do the work. The folders must be on storage they all see under the same paths.'
          : 'Empty: this machine does the work. Or a Redis address, like redis://nas:6379, to share batches with machines running pixmill worker.'}
      </p>
    </div>
  );
}
