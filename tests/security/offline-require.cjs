// Electronegativity fetches fresh translations from the web at start-up; this hook answers that
// request locally (as a failure, after which it uses its bundled English), so the scan never
// reaches the network.
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'got') return () => Promise.reject(new Error('offline: translations are bundled'));
  return load.call(this, request, ...rest);
};
