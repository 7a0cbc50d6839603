// The selling and service code of the data worker (deals, orders, competitors, tickets and their
// SLA clocks). It loads with the sales document, after the customers, so the worker's start-up
// does not carry it (data-service.ts reaches it through `salesLib()`).
export { SalesStore, observationsOf } from '../store/sales';
export { comparePositions, dealAmount, dealProbability, validatePipeline, weightedPipeline } from '../domain/deal';
export { orderTotal, purchaseHistory, purchaseSummary, suggestsCustomerStage } from '../domain/order';
export { validateCurrencySettings } from '../domain/money';
export { competitorRecord, competitorRecords, observationLog } from '../domain/competitor';
export { emptyTicket, satisfactionStats, ticketLinkErrors, ticketSla } from '../domain/ticket';
export { SlaCache } from '../domain/sla-cache';
export { DEFAULT_SLA_POLICY, validateSlaPolicy } from '../domain/sla';
