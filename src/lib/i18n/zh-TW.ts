import type { MessageKey } from './en';
import { en } from './en';

// Placeholder until the translation lands: English text keeps every key present.
export const zhTW: Record<MessageKey, string> = { ...en, 'lang.label': '語言 / Language', 'nav.customers': '客戶' };
