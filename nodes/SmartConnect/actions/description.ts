import type { INodeProperties } from "n8n-workflow";

import * as map from "./map/Map.resource";
import * as mapData from "./mapData/MapData.resource";
import * as mapRun from "./mapRun/MapRun.resource";
import * as processErrors from "./processErrors/ProcessErrors.resource";
import * as token from "./token/Token.resource";
import {
  authenticationProperty,
  onPremSelectors,
  smartConnectComOnly,
} from "./services.description";
import * as getMapXml from "./mapRun/getMapXml.operation";

/** Resource selector and every operation's parameters, each scoped by displayOptions. */
export const properties: INodeProperties[] = [
  authenticationProperty,
  ...onPremSelectors,
  ...(
    [
      {
        displayName: "Resource",
        name: "resource",
        type: "options",
        noDataExpression: true,
        options: [
          { name: "Map", value: "map" },
          { name: "Map Data", value: "mapData" },
          { name: "Map Run", value: "mapRun" },
          { name: "Process Error", value: "processErrors" },
          { name: "Token", value: "token" },
        ],
        default: "mapRun",
      },
      ...map.description,
      ...mapData.description,
      ...mapRun.description,
      ...processErrors.description,
      ...token.description,
    ] as INodeProperties[]
  ).map(smartConnectComOnly),
  ...getMapXml.description,
];
