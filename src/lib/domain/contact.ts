// Contact persons: the people at an organisation customer (or anyone the team deals with).
import type { RecordMeta } from './record';
import { foldText, normalizePhone } from './text';
import { Checker, LONG_TEXT, type FieldError } from './validate';

export interface ContactFields {
	name: string;
	/** Job title. */
	position: string;
	/** The customer (usually an organisation) this person belongs to; '' for none. */
	customer: string;
	phones: string[];
	emails: string[];
	/** "MM-DD" or "YYYY-MM-DD". */
	birthday: string;
	/** A yearly date worth a greeting (work anniversary, wedding…): "MM-DD" or "YYYY-MM-DD". */
	anniversary: string;
	notes: string;
}

export type Contact = ContactFields & RecordMeta & { [extra: string]: unknown };

export const CONTACT_FIELDS = ['name', 'position', 'customer', 'phones', 'emails', 'birthday', 'anniversary', 'notes'] as const satisfies readonly (keyof ContactFields)[];

export function emptyContact(customer = ''): ContactFields {
	return { name: '', position: '', customer, phones: [], emails: [], birthday: '', anniversary: '', notes: '' };
}

export function validateContact(input: Partial<ContactFields>, { partial = false } = {}): { value: Partial<ContactFields>; errors: FieldError[] } {
	const c = new Checker(input)
		.required('name', !partial)
		.text('position')
		.text('customer')
		.phones('phones')
		.emails('emails')
		.day('birthday')
		.day('anniversary')
		.text('notes', LONG_TEXT);
	return { value: c.value, errors: c.errors };
}

/** What contact search matches: name, title, phones (as typed and as digits), e-mails. */
export function contactSearchText(c: Pick<ContactFields, 'name' | 'position' | 'phones' | 'emails'>, company = ''): string {
	const phones = c.phones ?? [];
	return foldText([c.name, c.position, company, ...(c.emails ?? []), ...phones, ...phones.map(normalizePhone)].filter(Boolean).join('\u0001'));
}
