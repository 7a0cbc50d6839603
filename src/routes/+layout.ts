// Rapport is a client-only app: data lives in the browser (IndexedDB) and a worker.
export const ssr = false;
export const prerender = false;
