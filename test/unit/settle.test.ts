import type { RunSummary } from '../../nodes/SmartConnect/helpers/history';
import { settleFromHistory } from '../../nodes/SmartConnect/actions/mapRun/settle';

/** Comparing a map's run history after a failed run request with the one read just before it. */

function runOf(runNumber: number, recordCount = 2, errorCount = 0): RunSummary {
	return {
		mapKey: 'k',
		mapId: 'M',
		runNumber,
		runDate: '2026-12-01T10:00:00',
		status: errorCount > 0 ? 'failed' : 'success',
		recordCount,
		errorCount,
		errorsSaved: false,
		id: `id-${runNumber}`,
	};
}

describe('settleFromHistory', () => {
	it('one new run with the rows sent is this request\'s run', () => {
		expect(settleFromHistory([runOf(5), runOf(4)], [runOf(6), runOf(5), runOf(4)], 2)).toEqual({ run: runOf(6) });
	});

	it('one new run when nothing was in the history before', () => {
		expect(settleFromHistory([], [runOf(1, 7)], undefined)).toEqual({ run: runOf(1, 7) });
	});

	it('a run that reported errors is settled as failed', () => {
		const settled = settleFromHistory([runOf(5)], [runOf(6, 2, 1), runOf(5)], 2);
		expect(settled).toEqual({ run: expect.objectContaining({ runNumber: 6, status: 'failed', errorCount: 1 }) });
	});

	it('the record count is not checked when the request carried no rows', () => {
		expect(settleFromHistory([runOf(5)], [runOf(6, 999)], undefined)).toEqual({ run: runOf(6, 999) });
	});

	it('a full history that dropped its oldest run still shows the one new run', () => {
		const before = Array.from({ length: 10 }, (_, n) => runOf(20 - n));
		const after = [runOf(21), ...before.slice(0, 9)];
		expect(settleFromHistory(before, after, 2)).toEqual({ run: runOf(21) });
	});

	it('no new run: unknown, saying the map may not have run or may still be running', () => {
		expect(settleFromHistory([runOf(5)], [runOf(5)], 2)).toEqual({
			reason: "No run newer than run 5 (the newest before sending) is in the map's run history: the map may not have run, or may still be running",
		});
		expect(settleFromHistory([], [], 2)).toEqual({ reason: expect.stringMatching(/^No run is in the map's run history/) });
	});

	it('several new runs: unknown, naming them', () => {
		expect(settleFromHistory([runOf(5)], [runOf(8), runOf(6), runOf(5)], undefined)).toEqual({
			reason: expect.stringMatching(/^Runs 6, 8 appeared in the map's run history since the request was sent: another client/),
		});
	});

	it('one new run with another record count: unknown, it may be another client\'s', () => {
		expect(settleFromHistory([runOf(5)], [runOf(6, 3)], 2)).toEqual({
			reason: "Run 6 appeared in the map's run history, but with 3 record(s) where this request sent 2 row(s): it may be another client's run",
		});
	});
});
