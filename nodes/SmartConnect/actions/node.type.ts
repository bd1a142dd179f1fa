import type { AllEntities } from 'n8n-workflow';

import type { operations as company } from './company/Company.resource';
import type { operations as connection } from './connection/Connection.resource';
import type { operations as dataSource } from './dataSource/DataSource.resource';
import type { operations as integration } from './integration/Integration.resource';
import type { operations as map } from './map/Map.resource';
import type { operations as mapRun } from './mapRun/MapRun.resource';
import type { onPremOnlyOperations } from './services.description';
import type { operations as token } from './token/Token.resource';

/** Resource → operation values, derived from each resource's one registration of its operations. */
type NodeMap = {
	map: keyof typeof map;
	mapRun: keyof typeof mapRun | keyof typeof onPremOnlyOperations;
	token: keyof typeof token;
	connection: keyof typeof connection;
	dataSource: keyof typeof dataSource;
	company: keyof typeof company;
	integration: keyof typeof integration;
};

export type SmartConnectType = AllEntities<NodeMap>;

/** One run's memory, shared by the operations and the transport (see helpers/interfaces.ts). */
export type { ExecutionMemory } from '../helpers/interfaces';
