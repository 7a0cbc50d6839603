import type { MessageKey } from './en';
import { en } from './en';

// Placeholder until the translation lands: English text keeps every key present.
export const zhCN: Record<MessageKey, string> = { ...en, 'lang.label': '语言 / Language', 'nav.customers': '客户' };
