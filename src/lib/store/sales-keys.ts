// Names the data worker needs before the selling code loads: the sales document's part, its
// collections and the settings keys in the main document.
export const SALES_PART = 'sales';
export const SALES_COLLECTIONS = ['products', 'deals', 'orders', 'tickets', 'competitors'] as const;
export type SalesCollection = (typeof SALES_COLLECTIONS)[number];

/** Settings keys in the main document. */
export const CURRENCY_KEY = 'currency';
export const PIPELINE_KEY = 'pipeline';
export const SLA_KEY = 'sla';
