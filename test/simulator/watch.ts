/**
 * The GET endpoints of SmartConnect.com that show what happened (smartconnect-api.md §1.3–§1.4):
 * run history, run errors, run outputs and their download, connections, data sources, the maps
 * of a connection or data source, and GetCompanyList. Built on endpoints.ts' token and map checks.
 */
import { COMPANY_NAMES, type MapWiring, type SimConnection, type SimDataSource } from './catalog';
import { authed, BLANK, companyMaps, findMap, jsonResponse, message, negotiate, type SimRequest, type SimResponse, type SimState } from './endpoints';
import { TENANT, type HistoryRun, type RunHistory } from './history';
import type { UserStore } from './tokens';
import type { ErrorsFormat } from './types';
import { dataContractArray, errorsTableXml, stringXml } from './xml';

/** What watch.ts adds to the simulator state. */
export interface WatchState {
	history: RunHistory;
	connections: SimConnection[];
	dataSources: SimDataSource[];
	wiring: Record<string, MapWiring>;
}

type Handler = (state: SimState, req: SimRequest) => SimResponse;

/** The seven endpoints the docs mark GET answer other verbs as ASP.NET Web API does. */
function getOnly(handler: Handler): Handler {
	return (state, req) =>
		req.method === 'GET' ? handler(state, req) : message(405, `The requested resource does not support http method '${req.method}'.`);
}

function missing(req: SimRequest, names: string[]): SimResponse | undefined {
	const absent = names.filter((name) => !req.param(name));
	return absent.length > 0 ? message(400, `The request is invalid. Missing parameter(s): ${absent.join(', ')}.`) : undefined;
}

const sameId = (a: string, b: string | undefined) => b !== undefined && a.toLowerCase() === b.trim().toLowerCase();

function historyItem(run: HistoryRun) {
	return {
		Id: run.id,
		MapId: run.mapId,
		RunNumber: run.runNumber,
		RunDate: run.runDate,
		RecordCount: run.recordCount,
		ErrorCount: run.errorCount,
		ErrorsSaved: run.errorsSaved,
	};
}

const getHistoryForProcess = getOnly(
	authed((state, req, token) => {
		const absent = missing(req, ['processId']);
		if (absent) return absent;
		const map = findMap(state, token.companyId, req.param('processId'));
		if (!map) return BLANK;
		const items = state.history.of(map.mapKey).map(historyItem);
		return negotiate(req, items, () => dataContractArray('ProcessHistory', items));
	}),
);

function runNumberParam(req: SimRequest): number | SimResponse {
	const runNumber = Number(req.param('runNumber'));
	return Number.isInteger(runNumber) ? runNumber : message(400, "The request is invalid. 'runNumber' must be an integer.");
}

function errorsJson(mapKey: string, mapId: string, mapDescription: string, runNumber: number, run: HistoryRun | undefined) {
	const tenants =
		run && run.failed.length > 0
			? [
					{
						errorId: run.errorId,
						tenantServer: TENANT.serverName,
						tenantTechnical: TENANT.technicalName,
						errorCount: run.failed.length,
						errorData: {
							currentPage: 1,
							pageSize: 1000,
							recordCount: run.failed.length,
							columnList: [...run.columns, 'EONERUNIDENT', 'EONERUNERRORS'],
							// "Top 1000 errors".
							dataRows: run.failed.slice(0, 1000).map((f) => ({ ...f.row, EONERUNIDENT: f.ident, EONERUNERRORS: f.message })),
						},
					},
				]
			: [];
	return { mapKey, mapId, mapDescription, runNumber, runTenants: tenants };
}

const getErrorsForProcessRun = getOnly(
	authed((state, req, token) => {
		const absent = missing(req, ['processId', 'runNumber']);
		if (absent) return absent;
		const runNumber = runNumberParam(req);
		if (typeof runNumber !== 'number') return runNumber;
		const map = findMap(state, token.companyId, req.param('processId'));
		if (!map) return BLANK;
		const run = state.history.find(map.mapKey, runNumber);
		const format: ErrorsFormat = state.settings.errorsFormat ?? 'json';
		if (format === 'dataTableXml') {
			// A string result: the failed rows as the DataTable XML of a run's `Errors` field.
			const xml = errorsTableXml(run?.columns ?? [], (run?.failed ?? []).slice(0, 1000));
			return negotiate(req, xml, () => stringXml(xml));
		}
		return jsonResponse(errorsJson(map.mapKey, map.mapId, map.description, runNumber, run));
	}),
);

const getOutputsForProcess = getOnly(
	authed((state, req, token) => {
		const absent = missing(req, ['processId']);
		if (absent) return absent;
		const map = findMap(state, token.companyId, req.param('processId'));
		if (!map) return BLANK;
		let runs = state.history.of(map.mapKey);
		if (req.param('runNumber')) {
			const runNumber = runNumberParam(req);
			if (typeof runNumber !== 'number') return runNumber;
			runs = runs.filter((run) => run.runNumber === runNumber);
		}
		const origin = new URL(req.maskedUri).origin;
		const items = runs.flatMap((run) =>
			run.outputs.map((output) => ({
				outputId: output.outputId,
				processId: map.mapKey,
				runNumber: run.runNumber,
				created: output.created,
				description: output.description,
				fileName: output.fileName,
				// As documented: the link carries the caller's token.
				outputUri: `${origin}/api/getfile?token=${encodeURIComponent(req.param('token') ?? '')}&key=${output.outputId}`,
			})),
		);
		return negotiate(req, items, () => dataContractArray('ProcessOutput', items));
	}),
);

/** The download behind an outputUri: needs a valid token of the output's company. */
const getFile = getOnly(
	authed((state, req, token) => {
		const absent = missing(req, ['key']);
		if (absent) return absent;
		const found = state.history.output(req.param('key') ?? '');
		if (!found || !findMap(state, token.companyId, found.run.mapKey)) return message(404, 'The file was not found.');
		return {
			status: 200,
			body: found.output.content,
			contentType: 'text/csv; charset=utf-8',
			headers: { 'content-disposition': `attachment; filename="${found.output.fileName}"` },
		};
	}),
);

const getConnections = getOnly(
	authed((state, req, token) => {
		const items = state.connections
			.filter((c) => sameId(c.companyId, token.companyId))
			.map(({ Id, Description, ConnectionType }) => ({ Id, Description, ConnectionType }));
		return negotiate(req, items, () => dataContractArray('ConnectionItem', items));
	}),
);

const getDataSources = getOnly(
	authed((state, req, token) => {
		const items = state.dataSources
			.filter((d) => sameId(d.companyId, token.companyId))
			.map(({ Id, Description, ConnectionId, Company, Type }) => ({ Id, Description, ConnectionId, Company, Type }));
		return negotiate(req, items, () => dataContractArray('DataSourceItem', items));
	}),
);

/** camelCase and nested, as documented: `{"Items": [...]}`. JSON only. */
const getProcessesByConnection = getOnly(
	authed((state, req, token) => {
		const absent = missing(req, ['connectionId']);
		if (absent) return absent;
		const connection = state.connections.find((c) => sameId(c.Id, req.param('connectionId')) && sameId(c.companyId, token.companyId));
		const maps = connection ? companyMaps(state, token.companyId).filter((m) => sameId(connection.Id, state.wiring[m.mapKey]?.connectionId)) : [];
		const Items = maps.map((m) => ({
			mapKey: m.mapKey,
			mapId: m.mapId,
			mapDescription: m.description,
			connectionId: connection?.Id ?? '',
			connectionType: connection?.ConnectionType ?? '',
			destinationType: state.wiring[m.mapKey]?.destinationType ?? '',
			storesErrors: true,
			isOutputProcess: false,
			lines: [{ lineId: 1, description: 'Line 1', technicalName: 'LINE1', technicalValue: '' }],
			tenants: [{ ...TENANT }],
		}));
		return jsonResponse({ Items });
	}),
);

const getProcessesForDatasource = getOnly(
	authed((state, req, token) => {
		const absent = missing(req, ['dataSourceId']);
		if (absent) return absent;
		const items = companyMaps(state, token.companyId)
			.filter((m) => sameId(state.wiring[m.mapKey]?.dataSourceId ?? '', req.param('dataSourceId')))
			.map((m) => ({
				Id: m.mapKey,
				MapId: m.mapId,
				Description: m.description,
				SourceType: state.wiring[m.mapKey]?.sourceType ?? '',
				TargetType: state.wiring[m.mapKey]?.targetType ?? '',
			}));
		return negotiate(req, items, () => dataContractArray('ProcessItem', items));
	}),
);

/** GetCompanyList: no token; the password RSA-encrypted with the simulator's public key. */
function getCompanyList(users: UserStore): Handler {
	return (_state, req) => {
		const companyIds = users.companiesOf(req.param('email') ?? '', req.param('password') ?? '');
		if (!companyIds) return message(401, 'Authorization has been denied for this request.');
		const items = companyIds.map((Id) => ({ Id, Name: COMPANY_NAMES[Id] ?? Id, SubscriptionExpiry: null }));
		return jsonResponse(items);
	};
}

/** The handlers, keyed by lower-case endpoint name, for endpoints.ts' routing table. */
export function watchHandlers(): Record<string, Handler> {
	return {
		gethistoryforprocess: getHistoryForProcess,
		geterrorsforprocessrun: getErrorsForProcessRun,
		getoutputsforprocess: getOutputsForProcess,
		getfile: getFile,
		getconnections: getConnections,
		getdatasources: getDataSources,
		getprocessesbyconnection: getProcessesByConnection,
		getprocessesfordatasource: getProcessesForDatasource,
		getcompanylist: (state, req) => getCompanyList(state.users)(state, req),
	};
}
