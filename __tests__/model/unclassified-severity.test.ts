import { join } from 'node:path';
import { defaultUnclassifiedSeverity } from '../../lib/model/build';
import { loadModel } from '../synth/helpers';

const level = (id: string, paging: boolean) => ({ id, paging });

describe('default level for events PagerDuty cannot classify', () => {
  it('is the second level when it pages ("default to SEV2 until classified")', () => {
    expect(defaultUnclassifiedSeverity([level('SEV0', true), level('SEV1', true), level('SEV2', false)]).id).toBe('SEV1');
  });

  it('is the only level when there is one', () => {
    expect(defaultUnclassifiedSeverity([level('SEV1', true)]).id).toBe('SEV1');
  });

  it('is never a level that does not page: unclassified events always page, so the most severe paging level is taken', () => {
    expect(defaultUnclassifiedSeverity([level('SEV1', true), level('SEV2', false), level('SEV3', false)]).id).toBe('SEV1');
    expect(defaultUnclassifiedSeverity([level('P0', false), level('P1', false), level('P2', true)]).id).toBe('P2');
  });

  it('the minimal fixture (second level not paging) gets a paging default, so synth does not refuse it', () => {
    const model = loadModel(join(__dirname, '..', 'fixtures', 'minimal'));
    expect(model.unclassifiedSeverity).toMatchObject({ id: 'SEV1', paging: true });
  });
});
