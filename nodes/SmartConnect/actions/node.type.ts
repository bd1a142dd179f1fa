import type { AllEntities } from 'n8n-workflow';

import type { operations as map } from './map/Map.resource';
import type { operations as mapData } from './mapData/MapData.resource';
import type { operations as mapRun } from './mapRun/MapRun.resource';
import type { operations as processErrors } from './processErrors/ProcessErrors.resource';
import type { operations as token } from './token/Token.resource';

/** Resource → operation values, derived from each resource's one registration of its operations. */
type NodeMap = {
	map: keyof typeof map;
	mapData: keyof typeof mapData;
	mapRun: keyof typeof mapRun;
	processErrors: keyof typeof processErrors;
	token: keyof typeof token;
};

export type SmartConnectType = AllEntities<NodeMap>;
