// Compiled output lives in the repository-wide dist/ (npm run build); TypeScript reads ./src.
module.exports = require('../../dist/libs/sla/src/index.js');
