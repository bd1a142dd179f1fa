import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	token: 'get' | 'validate';
	map: 'getAll';
};

export type SmartConnectType = AllEntities<NodeMap>;
