import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BackendConfig } from '../../lib/config/schema';
import type { OrgModel } from '../../lib/model/types';
import { buildApp } from '../../lib/stacks/app';
import { loadModel, EXAMPLE, synthesize } from './helpers';

let model: OrgModel;
beforeAll(() => {
  model = loadModel(EXAMPLE);
});
const withBackend = (backend: BackendConfig): OrgModel => ({ ...model, backend });
const terraformBlock = (m: OrgModel, stack = 'team-payments') => synthesize(m, { stacks: [stack] }).json[stack].terraform as Record<string, unknown>;
const backendOf = (m: OrgModel) => terraformBlock(m).backend;

describe('backends', () => {
  it('local: one state file per stack under the configured directory', () => {
    expect(backendOf(withBackend({ type: 'local', directory: 'tf/state' }))).toEqual({ local: { path: '../../../tf/state/team-payments.tfstate' } });
  });

  it('local: relative to wherever terraform will run', () => {
    const json = synthesize(model, { stacks: ['team-data'], terraformOutdir: `${EXAMPLE}/build/cdktf.out` }).json['team-data'];
    expect(json.terraform?.backend).toEqual({ local: { path: '../../../../state/team-data.tfstate' } });
  });

  it('s3: one key per stack, encrypted, DynamoDB lock when configured', () => {
    expect(
      backendOf(withBackend({ type: 's3', bucket: 'acme-tf', region: 'eu-west-1', keyPrefix: 'oncall', dynamodbTable: 'tf-locks', encrypt: true })),
    ).toEqual({
      s3: { bucket: 'acme-tf', region: 'eu-west-1', key: 'oncall/team-payments.tfstate', encrypt: true, dynamodb_table: 'tf-locks' },
    });
  });

  it('s3: S3-native locking when no DynamoDB table is given', () => {
    expect(backendOf(withBackend({ type: 's3', bucket: 'acme-tf', region: 'eu-west-1', keyPrefix: 'oncall', encrypt: true }))).toEqual({
      s3: { bucket: 'acme-tf', region: 'eu-west-1', key: 'oncall/team-payments.tfstate', encrypt: true, use_lockfile: true },
    });
  });

  it('cloud and remote: one workspace per stack', () => {
    const cloud = terraformBlock(withBackend({ type: 'cloud', hostname: 'app.terraform.io', organization: 'acme', workspacePrefix: 'oncall-' }));
    expect(cloud.cloud).toEqual({ hostname: 'app.terraform.io', organization: 'acme', workspaces: { name: 'oncall-team-payments' } });
    expect(cloud).not.toHaveProperty('backend');
    expect(backendOf(withBackend({ type: 'remote', hostname: 'tfe.acme.dev', organization: 'acme', workspacePrefix: 'pd-' }))).toEqual({
      remote: { hostname: 'tfe.acme.dev', organization: 'acme', workspaces: { name: 'pd-team-payments' } },
    });
  });
});

describe('buildApp', () => {
  it('constructs only the requested team', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'build-app-'));
    try {
      const app = buildApp(model, { outdir, stacks: ['team-platform'] });
      expect(app.node.children.map((c) => c.node.id)).toEqual(['team-platform']);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('rejects an unknown stack name before creating anything', () => {
    expect(() => buildApp(model, { outdir: join(tmpdir(), 'never-created'), stacks: ['team-nope'] })).toThrow(
      'unknown stack team-nope; team stacks are team-data, team-payments, team-platform',
    );
  });
});
