import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	map: 'getAll' | 'getColumns' | 'getMappedColumns';
	mapData: 'getAllData';
	mapRun: 'run' | 'runWithDataTable' | 'runWithVariables' | 'runWithXml' | 'getMapXml';
	processErrors: 'save';
	token: 'get' | 'validate';
	integration: 'run';
};

export type SmartConnectType = AllEntities<NodeMap>;
