// The header's sync status line: kept apart from the share dialog's state (state/sharing.svelte.ts),
// which loads only when the dialog opens.
import { t } from '../i18n/index.svelte';
import type { MessageKey } from '../i18n/en';
import type { RefusalReason, SyncStatus } from '../sync/status';

/** The status line's words for a sync status. */
export function syncText(s: SyncStatus): string {
	switch (s.state) {
		case 'local':
			return t('sync.local');
		case 'offline':
			return s.pending ? t('sync.offlinePending', { count: s.pending }) : t('sync.offline');
		case 'connecting':
			return t('sync.connecting');
		case 'synced':
			return t('sync.synced');
		case 'unacknowledged':
			return t('sync.pending', { count: s.pending });
		case 'refused':
			return t(`sync.${s.reason}` satisfies `sync.${RefusalReason}` as MessageKey);
	}
}
