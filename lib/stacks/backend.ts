import { posix, relative, sep, join } from 'node:path';
import { CloudBackend, LocalBackend, NamedCloudWorkspace, NamedRemoteWorkspace, RemoteBackend, S3Backend, type TerraformStack } from 'cdktf';
import type { BackendConfig } from '../config/schema';

export interface BackendPlacement {
  /** The stack's name: also its state file / key / workspace suffix. */
  readonly stackName: string;
  /** Absolute repository root; local state directories are relative to it. */
  readonly projectRoot: string;
  /**
   * Absolute cdktf output directory as terraform will see it. cdktf runs terraform in
   * `<outdir>/stacks/<stack>`, so a local state path is written relative to that directory.
   */
  readonly outdir: string;
}

/**
 * Gives each stack its own state, from the organization's `backend`:
 * - local: `<directory>/<stack>.tfstate` under the repository root, written as a path relative to
 *   the stack's working directory (`../../../state/team-x.tfstate` for the default layout), so the
 *   JSON holds no machine-specific absolute path and state survives `rm -rf cdktf.out`;
 * - s3: key `<keyPrefix>/<stack>.tfstate`, encrypted, locked with DynamoDB when a table is given,
 *   else with S3's native lock file (Terraform 1.10+, `required_version`);
 * - remote / cloud: workspace `<workspacePrefix><stack>`.
 * No credential is ever written: AWS and Terraform Cloud read theirs from the environment.
 */
export function configureBackend(stack: TerraformStack, backend: BackendConfig, placement: BackendPlacement): void {
  const { stackName } = placement;
  // cdktf has no setting for it; the override is the documented escape hatch (as for use_lockfile).
  stack.addOverride('terraform.required_version', requiredTerraformVersion(backend));
  switch (backend.type) {
    case 'local': {
      const workingDir = join(placement.outdir, 'stacks', stackName);
      const stateFile = join(placement.projectRoot, backend.directory, `${stackName}.tfstate`);
      new LocalBackend(stack, { path: relative(workingDir, stateFile).split(sep).join(posix.sep) });
      return;
    }
    case 's3': {
      const s3 = new S3Backend(stack, {
        bucket: backend.bucket,
        region: backend.region,
        key: `${backend.keyPrefix}/${stackName}.tfstate`,
        encrypt: backend.encrypt,
        dynamodbTable: backend.dynamodbTable,
      });
      // cdktf 0.21's S3Backend predates `use_lockfile`; it is a plain backend argument.
      if (!backend.dynamodbTable) s3.addOverride('use_lockfile', true);
      return;
    }
    case 'remote':
      new RemoteBackend(stack, {
        hostname: backend.hostname,
        organization: backend.organization,
        workspaces: new NamedRemoteWorkspace(`${backend.workspacePrefix}${stackName}`),
      });
      return;
    case 'cloud':
      new CloudBackend(stack, {
        hostname: backend.hostname,
        organization: backend.organization,
        workspaces: new NamedCloudWorkspace(`${backend.workspacePrefix}${stackName}`),
      });
      return;
  }
}

/**
 * The oldest Terraform that can run a stack, so an older one stops at `init` with "Unsupported
 * Terraform Core version" instead of failing in an obscure way later:
 * - S3 native locking (`use_lockfile`, written when no DynamoDB table is given): Terraform before
 *   1.10 rejects the argument (it came in 1.10, marked experimental, and is generally available
 *   since 1.11, which also deprecates `dynamodb_table`; 1.11+ is recommended in docs/synth.md, and
 *   the workflows' TERRAFORM_VERSION must satisfy this: __tests__/synth/provider-behaviours.test.ts);
 * - everything else cdktf 0.21 writes (JSON config, `cloud` blocks, cross-stack remote state)
 *   needs 1.2, cdktf's documented minimum ("The Terraform CLI (1.2+)").
 * The `moved` blocks of managed users (lib/constructs/users.ts) need 1.1; no `import` blocks (1.5) are written.
 */
export function requiredTerraformVersion(backend: BackendConfig): string {
  return backend.type === 's3' && !backend.dynamodbTable ? '>= 1.10.0' : '>= 1.2.0';
}
