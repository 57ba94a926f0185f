// Compiled output lives in the repository-wide dist/ (npm run build); TypeScript reads ./src.
module.exports = require('../../dist/libs/reporting/src/index.js');
