// The data worker's analytics: builds the Aggregator once the collections have loaded and keeps
// it current from the documents' transactions. (Work in progress: the answers follow.)
import type { AnalyticsSettings, AttentionLists, CustomerInsight, Dashboard, DashboardFilters, ForecastResult, ForecastTarget, SegmentField, SegmentRule, Tier } from '../domain/analytics/types';
import type { TaskFields } from '../domain/task';
import type { CommandResult } from '../store/commands';
import type { ForecastOptions, RuleResult, SegmentTasksResult } from './protocol';

const notYet = (): never => {
	throw new Error('not yet');
};

export class AnalyticsService {
	async dashboard(_filters: DashboardFilters): Promise<RuleResult<Dashboard>> {
		return notYet();
	}
	async dashboardCustomers(_filters: DashboardFilters, _drill: string): Promise<RuleResult<string[]>> {
		return notYet();
	}
	async segmentFields(): Promise<SegmentField[]> {
		return notYet();
	}
	async segmentCount(_rule: SegmentRule): Promise<RuleResult<number>> {
		return notYet();
	}
	async segmentIds(_rule: SegmentRule): Promise<RuleResult<string[]>> {
		return notYet();
	}
	async createSegmentTasks(_rule: SegmentRule, _task: Partial<TaskFields>): Promise<SegmentTasksResult> {
		return notYet();
	}
	async attention(_limit = 50): Promise<AttentionLists> {
		return notYet();
	}
	async forecastOptions(): Promise<ForecastOptions> {
		return notYet();
	}
	async forecast(_target: ForecastTarget, _horizon: number): Promise<ForecastResult> {
		return notYet();
	}
	async customerFacts(_id: string): Promise<CustomerInsight | null> {
		return notYet();
	}
	async setTierOverride(_id: string, _tier: Tier | '', _reason: string): Promise<CommandResult<number>> {
		return notYet();
	}
	async settings(): Promise<AnalyticsSettings> {
		return notYet();
	}
	async setSettings(_input: Partial<AnalyticsSettings>): Promise<CommandResult<void>> {
		return notYet();
	}
}
