// Some state of a native library belongs to the whole process, not to a thread (libvips keeps one
// list of blocked loaders per process). Setting it up once, however many workers start, needs a
// flag every one of them sees: this word of shared memory, which the pool hands to each worker
// thread as its workerData and to an inline runner as it loads. The pool never reads it; what a
// worker does with it (Atomics) is the worker's business.
export const processShared = new Int32Array(new SharedArrayBuffer(4));
