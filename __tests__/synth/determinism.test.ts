import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, type Document } from 'yaml';
import { addresses, copyExample, editYaml, loadModel, EXAMPLE, reverseEveryMapping, synthesize, type Synthesized } from './helpers';

const TEAM_FILES = ['data', 'payments', 'platform'];

let baseline: Synthesized;
const roots: string[] = [];
const scratchCopy = () => {
  const root = copyExample();
  roots.push(root);
  return root;
};

beforeAll(() => {
  baseline = synthesize(loadModel(EXAMPLE));
});
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const addressesByStack = (out: Synthesized) => Object.fromEntries(Object.entries(out.json).map(([name, json]) => [name, addresses(json)]));

describe('stable output', () => {
  it('is byte-identical on a repeat synth', () => {
    expect(synthesize(loadModel(EXAMPLE)).text).toEqual(baseline.text);
  });

  it('does not depend on where the project or the output folder is', () => {
    expect(synthesize(loadModel(scratchCopy())).text).toEqual(baseline.text);
  });

  it('is byte-identical when every mapping in every team file is written in reverse order', () => {
    const root = scratchCopy();
    for (const team of TEAM_FILES) editYaml(join(root, 'config/teams', `${team}.yaml`), reverseEveryMapping);
    expect(synthesize(loadModel(root)).text).toEqual(baseline.text);
  });

  it('does not depend on the order the file system lists team files in', () => {
    // Team order comes from file names; renaming files through a temporary name changes the
    // directory's creation order without changing any team id.
    const root = scratchCopy();
    const teams = join(root, 'config/teams');
    for (const team of [...TEAM_FILES].reverse()) {
      renameSync(join(teams, `${team}.yaml`), join(teams, `${team}.tmp`));
      renameSync(join(teams, `${team}.tmp`), join(teams, `${team}.yaml`));
    }
    expect(synthesize(loadModel(root)).text).toEqual(baseline.text);
  });

  it('keeps every logical id when display names change', () => {
    const root = scratchCopy();
    const rename = (doc: Document) => {
      doc.set('name', `${String(doc.get('name'))} renamed`);
      const rename = (section: string, key: string) => {
        const map = doc.get(section);
        if (!isMap(map)) return;
        for (const pair of map.items) {
          const item = pair.value;
          if (isMap(item) && isScalar(item.get(key, true))) item.set(key, `${String(item.get(key))} renamed`);
        }
      };
      rename('members', 'name');
      rename('rotations', 'name');
      rename('services', 'name');
      const services = doc.get('services');
      if (isMap(services)) {
        for (const pair of services.items) {
          const monitors = isMap(pair.value) ? pair.value.get('monitors') : undefined;
          if (isMap(monitors)) for (const m of monitors.items) if (isMap(m.value)) m.value.set('name', `${String(m.value.get('name'))} renamed`);
        }
      }
      const escalation = doc.get('escalation');
      if (isMap(escalation) && escalation.has('name')) escalation.set('name', `${String(escalation.get('name'))} renamed`);
    };
    for (const team of TEAM_FILES) editYaml(join(root, 'config/teams', `${team}.yaml`), rename);
    const renamed = synthesize(loadModel(root));
    expect(addressesByStack(renamed)).toEqual(addressesByStack(baseline));
    // The names did change, so the test would notice an id derived from them.
    expect(renamed.text['team-payments']).toContain('Checkout API renamed');
    expect(renamed.text['team-payments']).toContain('[SEV1] Checkout API 5xx error rate renamed');
    expect(renamed.text['team-payments']).not.toEqual(baseline.text['team-payments']);
  });

  it("keeps the other resources' logical ids when a service or monitor is added", () => {
    const root = scratchCopy();
    editYaml(join(root, 'config/teams/payments.yaml'), (doc) => {
      doc.setIn(['services', 'aaa-first', 'name'], 'A new first service');
      doc.setIn(['services', 'aaa-first', 'description'], 'Sorts before every other service.');
      doc.setIn(
        ['services', 'checkout-api', 'monitors', 'aaa-monitor'],
        doc.createNode({
          name: 'New first monitor',
          type: 'metric alert',
          query: 'avg(last_5m):avg:system.load.1{env:prod} > 4',
          thresholds: { critical: 4 },
          severity: 'SEV2',
          runbook: 'payments/checkout-latency.md',
        }),
      );
    });
    const grown = addresses(synthesize(loadModel(root)).json['team-payments']);
    const before = addresses(baseline.json['team-payments']);
    expect(grown).toEqual(expect.arrayContaining(before));
    expect(grown.length).toBeGreaterThan(before.length);
  });
});
