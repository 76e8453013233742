// Worker threads and the CLI processes some tests start run the compiled tool (dist/): build it
// once before any test when its sources changed (bin/build.js).
module.exports = () => {
  require('../bin/build').ensureBuilt({ quiet: true });
};
