// Thread budget for one worker: the pool runs N workers, so each pipeline gets one libvips
// thread and N workers ≈ N busy cores instead of N × cores threads fighting over them.
import sharp from 'sharp';

let configured = false;

export async function configureSharp(): Promise<void> {
  if (configured) return;
  sharp.concurrency(1);
  // A batch never repeats an operation on the same input, so the cache only costs memory.
  sharp.cache(false);
  configured = true;
}
