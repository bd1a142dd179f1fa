import type { IExecuteFunctions } from 'n8n-workflow';

import { smartConnectRequest } from '../../nodes/SmartConnect/transport';
import { endpointNamed, ENDPOINTS, isEndpointName } from '../../nodes/SmartConnect/transport/endpoints';

/** The endpoint table: what it says of each call, and that the transport holds callers to it. */

describe('the endpoint table', () => {
	it('gives every call but the on-premise Get Map XML and the REST API run a SmartConnect.com route to the path of its name: GET for history, errors, outputs and catalog, POST for the rest', () => {
		const gets = new Set([
			'GetHistoryForProcess',
			'GetErrorsForProcessRun',
			'GetOutputsForProcess',
			'GetConnections',
			'GetDataSources',
			'GetProcessesByConnection',
			'GetProcessesForDatasource',
		]);
		const withoutRoute: string[] = [];
		for (const [name, endpoint] of Object.entries(ENDPOINTS)) {
			const routes: Partial<Record<string, unknown>> = endpoint.routes;
			if (routes.smartConnectCom === undefined) withoutRoute.push(name);
			else expect(routes.smartConnectCom).toEqual({ path: name, method: gets.has(name) ? 'GET' : 'POST' });
		}
		expect(withoutRoute.sort()).toEqual(['GetMapXmlDataTable', 'GetMapXmlWithVariables', 'RunIntegration']);
	});

	it('marks exactly the map runs as never resent', () => {
		const runs = Object.entries(ENDPOINTS)
			.filter(([, endpoint]) => endpoint.kind === 'run')
			.map(([name]) => name);
		expect(runs.sort()).toEqual(
			[
				'GetMapXmlDataTable',
				'GetMapXmlWithVariables',
				'RunIntegration',
				'RunMapDataTableWithErrors',
				'RunMapWithVariables',
				'runmap',
				'runmapdatatable',
				'runmapxml',
			].sort(),
		);
	});

	it('asks for XML only where SmartConnect answers XML only (GetAllData)', () => {
		const xml = Object.entries(ENDPOINTS)
			.filter(([, endpoint]) => endpoint.accept === 'xml')
			.map(([name]) => name);
		expect(xml).toEqual(['GetAllData', 'GetAllDataWithVariables']);
	});

	it('knows no call by another name', () => {
		expect(isEndpointName('GetMapList')).toBe(true);
		expect(isEndpointName('getmaplist')).toBe(false);
		expect(isEndpointName('toString')).toBe(false);
		expect(() => endpointNamed('DeleteMap')).toThrow('SmartConnect endpoint "DeleteMap" is not in the endpoint table');
	});
});

describe('a request that disagrees with the table', () => {
	it('is refused before the credential is read or anything is sent', async () => {
		const asked: string[] = [];
		const context = {
			getNode: () => ({ name: 'SmartConnect', credentials: {} }),
			getCredentials: async (type: string) => {
				asked.push(type);
				return {};
			},
		} as unknown as IExecuteFunctions;
		await expect(
			smartConnectRequest.call(context, { endpoint: 'runmapdatatable', operation: 'Map Run › Run With Data Table', kind: 'read', memory: {} }),
		).rejects.toThrow('SmartConnect runmapdatatable: kind "read" disagrees with the endpoint table');
		await expect(
			smartConnectRequest.call(context, { endpoint: 'GetAllData', operation: 'Map › Get Source Rows', accept: 'json', memory: {} }),
		).rejects.toThrow('SmartConnect GetAllData: accept "json" disagrees with the endpoint table');
		expect(asked).toEqual([]);
	});
});
