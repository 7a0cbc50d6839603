// A deal pipeline's stages and the default one: what the data worker and the pages need
// before the rest of the selling code (domain/deal.ts) loads.

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export interface PipelineStage {
	id: string;
	/** What the team calls the stage; '' on a default stage means "the translation of its id". */
	name: string;
	/** Chance of winning, 0–100, that a deal in this stage starts with. */
	probability: number;
	kind: StageKind;
}

/** The stages in board order. */
export interface Pipeline {
	stages: PipelineStage[];
}

export const DEFAULT_PIPELINE: Pipeline = {
	stages: [
		{ id: 'qualification', name: '', probability: 10, kind: 'open' },
		{ id: 'needsAnalysis', name: '', probability: 25, kind: 'open' },
		{ id: 'proposal', name: '', probability: 50, kind: 'open' },
		{ id: 'negotiation', name: '', probability: 75, kind: 'open' },
		{ id: 'won', name: '', probability: 100, kind: 'won' },
		{ id: 'lost', name: '', probability: 0, kind: 'lost' }
	]
};

/** Ids whose name the UI translates when the team has not named the stage. */
export const DEFAULT_STAGE_IDS: readonly string[] = DEFAULT_PIPELINE.stages.map((s) => s.id);

export function findStage(pipeline: Pipeline, id: string): PipelineStage | undefined {
	return pipeline.stages.find((s) => s.id === id);
}
