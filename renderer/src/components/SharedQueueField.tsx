// Where batches are shared with other machines: empty for this machine only, or the Redis address
// that machines running `pixmill worker --redis …` take jobs from.
import { parseRedisUrl, REDIS_FIELD_ID } from '../lib/redis-url';
import { useAppStore } from '../store';
import { CheckedTextField } from './CheckedTextField';

export function SharedQueueField() {
  const text = useAppStore((s) => s.redisText);
  const setText = useAppStore((s) => s.setRedisText);
  const parsed = parseRedisUrl(text);
  return (
    <CheckedTextField
      id={REDIS_FIELD_ID}
      className="shared-queue"
      label="Other machines (Redis)"
      placeholder="This machine only"
      text={text}
      setText={setText}
      refusal={parsed.ok ? null : parsed.message}
      hint={
        parsed.ok && parsed.url
          ? 'The machines running pixmill worker with this address do the work. The folders must be on storage they all see under the same paths.'
          : 'Empty: this machine does the work. Or a Redis address, like redis://nas:6379, to share batches with machines running pixmill worker.'
      }
    />
  );
}
