import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	map: 'getAll' | 'getColumns' | 'getMappedColumns';
	mapData: 'getAllData';
	mapRun: 'run' | 'runWithDataTable' | 'runWithVariables' | 'runWithXml' | 'getMany' | 'getErrors' | 'getOutputs';
	processErrors: 'save';
	token: 'get' | 'validate';
	connection: 'getMany';
	dataSource: 'getMany';
	company: 'getMany';
};

export type SmartConnectType = AllEntities<NodeMap>;
