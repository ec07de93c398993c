import { expect } from 'chai';
import { createScratchProject, scratchEnv } from '../support/scratchProject';

/** The scratch-project harness's own refusals and environment (no install is made here). */
describe('createScratchProject', () => {
  describe('when a dependency is not pinned to an exact version', () => {
    it('should refuse it, naming the package, since installs are cached by version', async () => {
      for (const version of ['^5.0.4', 'latest', '5']) {
        // Act
        const error = await createScratchProject({ name: 'unpinned', dependencies: { typescript: version } }).then(
          () => undefined,
          (reason: unknown) => reason,
        );

        // Assert
        expect(error, version).to.be.instanceOf(Error);
        expect((error as Error).message).to.equal(`scratch project: dependency typescript@${JSON.stringify(version)} is not an exact version; pin it (e.g. "5.0.4"), since installs are cached by version`);
      }
    });
  });

  describe('when the name would not make a directory name', () => {
    it('should refuse it', async () => {
      const error = await createScratchProject({ name: '../up' }).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect((error as Error).message).to.equal('scratch project: name "../up" is not 1 to 40 letters, digits, "-" or "_"');
    });
  });
});

describe('scratchEnv', () => {
  describe('when the tests run under npm run, whose npm_config_local_prefix would send npm install into the monorepo', () => {
    it("should drop the monorepo's npm prefix, workspace, package and lifecycle settings and c8's coverage directory, and keep the registry and cache", () => {
      // Arrange
      const saved = { ...process.env };
      Object.assign(process.env, {
        npm_config_local_prefix: '/repo',
        npm_config_prefix: '/usr',
        npm_config_workspace: 'test',
        npm_package_name: 'errinject',
        npm_lifecycle_event: 'test',
        INIT_CWD: '/repo/test',
        npm_config_registry: 'https://registry.npmjs.org/',
        npm_config_cache: '/root/.npm',
        NODE_V8_COVERAGE: '/repo/coverage/tmp',
      });

      // Act
      let env: NodeJS.ProcessEnv;
      try {
        env = scratchEnv({ EXTRA: '1' });
      } finally {
        for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
        Object.assign(process.env, saved);
      }

      // Assert
      for (const key of ['npm_config_local_prefix', 'npm_config_prefix', 'npm_config_workspace', 'npm_package_name', 'npm_lifecycle_event', 'INIT_CWD']) {
        expect(env, key).not.to.have.property(key);
      }
      // Empty: a child's environment without it would get the parent's back from Node.js.
      expect(env).to.have.property('NODE_V8_COVERAGE', '');
      expect(env).to.include({ npm_config_registry: 'https://registry.npmjs.org/', npm_config_cache: '/root/.npm', EXTRA: '1', ERRINJECT: '' });
    });
  });
});
