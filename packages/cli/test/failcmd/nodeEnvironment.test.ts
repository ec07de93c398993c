import { expect } from 'chai';
import { nodeCapabilities, nodeEnvironment } from '../../src/failcmd/nodeEnvironment';

describe('nodeEnvironment', () => {
  it('should pick the capabilities of @errinject/node in its order, whatever order they were asked in', () => {
    expect(nodeCapabilities(['fail_function', 'fail_fs', 'fail_pages'])).to.deep.equal(['fail_fs']);
    expect(nodeCapabilities(['fail_function'])).to.deep.equal([]);
  });

  it('should quote a register path as NODE_OPTIONS reads it, so that spaces and quotes survive', () => {
    // Act
    const env = nodeEnvironment({ NODE_OPTIONS: '--require "/a b/c.js"' }, ['fail_fs']);

    // Assert
    const options = env['NODE_OPTIONS'] ?? '';
    expect(options.startsWith('--require "/a b/c.js" --require "')).to.equal(true);
    expect(options.endsWith('register.js"')).to.equal(true);
    expect(env['ERRINJECT_NODE']).to.equal('fail_fs');
  });

  it('should set nothing when no capability of @errinject/node is asked for', () => {
    expect(nodeEnvironment({ NODE_OPTIONS: '--x' }, [])).to.deep.equal({});
  });
});
