/**
 * `@errinject/node/register`: loads the Node.js core capabilities into this process. Load it first:
 * `node --require @errinject/node/register app.js`, `node --import @errinject/node/register app.mjs`,
 * or `import '@errinject/node/register'` at the top of the entry module.
 *
 * @packageDocumentation
 */
import { registerNodeCapabilities } from './registerNodeCapabilities';

registerNodeCapabilities();
