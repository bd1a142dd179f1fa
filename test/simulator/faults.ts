/**
 * Injected faults: rules are consumed in injection order per endpoint, each `times` times.
 */
import type { Fault, FaultRule } from './types';

/** Endpoints that run a map; faults there default to "run first, then break the response". */
export const RUN_ENDPOINTS: ReadonlySet<string> = new Set([
	'runmap',
	'runmapwithvariables',
	'runmapdatatable',
	'runmapdatatablewitherrors',
	'runmapxml',
]);

interface ActiveRule {
	endpoint: string;
	fault: Fault;
	remaining: number;
	afterAction?: boolean;
	foreignRuns: number;
}

export interface TakenFault {
	fault: Fault;
	/** Whether the endpoint's normal action happens before the fault replaces the response. */
	afterAction: boolean;
	/** Runs of the requested map by other clients, made while the request is handled. */
	foreignRuns: number;
}

export class FaultQueue {
	private rules: ActiveRule[] = [];

	add(rule: FaultRule): void {
		const times = rule.times ?? 1;
		if (!(times > 0)) throw new Error(`FaultRule.times must be > 0 (got ${times})`);
		this.rules.push({ endpoint: rule.endpoint.toLowerCase(), fault: rule.fault, remaining: times, afterAction: rule.afterAction, foreignRuns: rule.foreignRuns ?? 0 });
	}

	clear(): void {
		this.rules = [];
	}

	/** The first live rule for this endpoint (or '*'), with one use consumed; undefined when none applies. */
	take(endpoint: string): TakenFault | undefined {
		const rule = this.rules.find((r) => r.endpoint === '*' || r.endpoint === endpoint);
		if (!rule) return undefined;
		rule.remaining--;
		if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
		return { fault: rule.fault, afterAction: rule.afterAction ?? defaultAfterAction(rule.fault, endpoint), foreignRuns: rule.foreignRuns };
	}
}

function defaultAfterAction(fault: Fault, endpoint: string): boolean {
	return fault.kind !== 'tokenRejected' && RUN_ENDPOINTS.has(endpoint);
}
