// No telemetry or version checks from cdktf in tests (the machine has no network).
process.env.CHECKPOINT_DISABLE = '1';
process.env.DISABLE_VERSION_CHECK = 'true';
