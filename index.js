// n8n loads the node and credential through the "n8n" block of package.json; this entry point
// exists only so that `require('n8n-nodes-smartconnect')` resolves.
module.exports = {};
