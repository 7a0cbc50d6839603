// The rules of the record types the generic commands serve (customers have their own file).
import { ACTIVITY_RULES } from './activities';
import type { RecordRules } from './commands';
import { CONTACT_FIELDS, emptyContact, validateContact, type ContactFields } from '../domain/contact';
import { emptyOccasion, OCCASION_FIELDS, validateOccasion, type OccasionFields } from '../domain/occasion';
import { emptyTask, TASK_FIELDS, validateTask, type TaskFields } from '../domain/task';

export const CONTACT_RULES: RecordRules<ContactFields> = {
	fields: CONTACT_FIELDS,
	empty: () => emptyContact(),
	validate: validateContact
};

export const TASK_RULES: RecordRules<TaskFields> = {
	fields: TASK_FIELDS,
	empty: (ctx) => emptyTask(ctx.memberId),
	validate: validateTask
};

export const OCCASION_RULES: RecordRules<OccasionFields> = {
	fields: OCCASION_FIELDS,
	empty: () => emptyOccasion(),
	validate: validateOccasion
};

export const RULES = { contacts: CONTACT_RULES, tasks: TASK_RULES, occasions: OCCASION_RULES, activities: ACTIVITY_RULES } as const;
