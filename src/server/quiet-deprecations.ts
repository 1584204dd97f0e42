/**
 * restify 11 loads `spdy`, whose `http-deceiver` touches `process.binding('http_parser')` and
 * makes Node 20 print DEP0111 twice at every start. It is harmless (we never serve HTTP/2
 * through spdy) and would hide reap's own start lines, so that one warning is dropped; every
 * other warning is printed as Node would. Import this module before restify.
 */
process.removeAllListeners('warning');
process.on('warning', (warning: Error & { code?: string }) => {
  if (warning.code === 'DEP0111' && warning.message.includes('http_parser')) return;
  console.error(
    `(node:${process.pid}) ${warning.code ? `[${warning.code}] ` : ''}${warning.name}: ${warning.message}`,
  );
});
