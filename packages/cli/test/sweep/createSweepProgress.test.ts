import { expect } from 'chai';
import { createSweepProgress } from '../../src/sweep/createSweepProgress';
import { captureStream } from '../support/captureIo';

describe('createSweepProgress', () => {
  describe('when the stream is a terminal', () => {
    it('should draw a bar with the runs, faults and crashes, and clear it when stopped', () => {
      // Arrange
      const stream = captureStream(true);
      const progress = createSweepProgress(stream);

      // Act
      progress.update({ started: 0, finished: 0, faults: 0, crashes: 0, badStates: 0, max: undefined });
      const first = stream.text();
      progress.update({ started: 2, finished: 1, faults: 1, crashes: 1, badStates: 0, max: undefined });
      progress.update({ started: 2, finished: 2, faults: 1, crashes: 1, badStates: 0, max: 10 });
      progress.stop();

      // Assert
      expect(first).to.contain('0/1 runs | faults: 0 | crashed: 0');
      expect(stream.text()).to.contain('2/10 runs | faults: 1 | crashed: 1');
    });
  });

  describe('when the sweep has a check', () => {
    it('should count the runs that left a bad state too', () => {
      // Arrange
      const stream = captureStream(true);
      const progress = createSweepProgress(stream, { check: true });

      // Act
      progress.update({ started: 3, finished: 3, faults: 2, crashes: 0, badStates: 2, max: undefined });
      progress.stop();

      // Assert
      expect(stream.text()).to.contain('3/3 runs | faults: 2 | crashed: 0 | bad state: 2');
    });
  });

  describe('when the stream is not a terminal', () => {
    it('should draw nothing', () => {
      // Arrange
      const stream = captureStream(false);
      const progress = createSweepProgress(stream);

      // Act
      progress.update({ started: 1, finished: 1, faults: 1, crashes: 0, badStates: 0, max: undefined });
      progress.stop();

      // Assert
      expect(stream.text()).to.equal('');
    });
  });

  describe('when it is stopped before any update', () => {
    it('should draw nothing', () => {
      const stream = captureStream(true);
      createSweepProgress(stream).stop();
      expect(stream.text()).to.equal('');
    });
  });
});
