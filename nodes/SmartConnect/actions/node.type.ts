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

/**
 * What an item operation may remember between the items of one execution of the node (never in
 * module memory: n8n may run many executions in one process).
 */
export interface ExecutionMemory {
	/** The form of Get All with variables that SmartConnect answered, once one did. */
	getAllDataForm?: 'GetAllData' | 'GetAllDataWithVariables';
}
