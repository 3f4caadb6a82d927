# Brings up crypto-lakehouse with Docker Compose on Windows (PowerShell 5.1+ or 7): the same steps
# as setup.sh (keep the two in step). Images build inside Docker: no JDK needed. Safe to rerun.
#   ./setup.ps1 [-DryRun] [-Standalone | -PartA] [-Cluster] [-NoBuild] [-Without kafka-ui,jupyter]
param(
  [switch]$DryRun,
  [switch]$Standalone,
  [switch]$PartA,
  [switch]$Cluster,
  [switch]$NoBuild,
  [string[]]$Without = @()
)
$ErrorActionPreference = 'Stop'
Set-Location -Path $PSScriptRoot
$Without = @($Without | ForEach-Object { $_ -split ',' } | Where-Object { $_ })

function Say($text) { Write-Host "==> $text" }
function Fail($text) { Write-Host "setup: $text" -ForegroundColor Red; exit 1 }
# A native command's output and exit code. Windows PowerShell 5.1 turns a native command's stderr
# into a terminating error under 'Stop' (every first run: 'network inspect' of a missing network),
# so the preference is relaxed for the call and stderr is captured like stdout.
function Native([string[]]$cmd) {
  $previous = $ErrorActionPreference
  $ErrorActionPreference = 'Continue'
  try {
    $rest = @($cmd | Select-Object -Skip 1)
    $out = & $cmd[0] @rest 2>&1 | ForEach-Object { "$_" }
    return @{ Code = $LASTEXITCODE; Out = @($out) }
  } finally { $ErrorActionPreference = $previous }
}
function Run([string[]]$cmd) {
  if ($DryRun) { Write-Host ("    `$ " + ($cmd -join ' ')); return }
  $previous = $ErrorActionPreference
  $ErrorActionPreference = 'Continue'
  try {
    $rest = @($cmd | Select-Object -Skip 1)
    & $cmd[0] @rest
    $code = $LASTEXITCODE
  } finally { $ErrorActionPreference = $previous }
  if ($code -ne 0) { Fail ("failed: " + ($cmd -join ' ')) }
}
# A setting as Compose sees it: the environment first, then .env, then the default.
function EnvValue($name, $default) {
  $value = [Environment]::GetEnvironmentVariable($name)
  if ($value) { return $value }
  if (Test-Path .env) {
    $line = Get-Content .env | Where-Object { $_ -match "^$name=" } | Select-Object -Last 1
    if ($line) { $value = $line.Substring($name.Length + 1); if ($value) { return $value } }
  }
  return $default
}
# Writes NAME=VALUE into .env (replacing the line if there is one).
function SetEnv($name, $value) {
  $lines = @(Get-Content .env)
  if ($lines -match "^$name=") { $lines = $lines -replace "^$name=.*", "$name=$value" }
  else { $lines += "$name=$value" }
  $lines | Set-Content -Encoding ascii .env
}
function Secret($bytes) {
  $buffer = New-Object byte[] $bytes
  [System.Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($buffer)
  return -join ($buffer | ForEach-Object { $_.ToString('x2') })
}

# 1. Prerequisites.
Say 'Checking prerequisites'
$Compose = @('docker', 'compose')
$dockerUp = $false
if (Get-Command docker -ErrorAction SilentlyContinue) { $dockerUp = ((Native @('docker', 'info')).Code -eq 0) }
if ($DryRun -and -not $dockerUp) {
  Write-Host '    (dry run: Docker is not needed; commands are printed, not run)'
} else {
  if (-not (Get-Command docker -ErrorAction SilentlyContinue)) { Fail 'Docker is not installed: https://docs.docker.com/desktop/' }
  if (-not $dockerUp) { Fail 'the Docker daemon is not running (start Docker Desktop)' }
  if ((Native @('docker', 'compose', 'version')).Code -ne 0) {
    if (Get-Command docker-compose -ErrorAction SilentlyContinue) { $Compose = @('docker-compose') }
    else { Fail 'Docker Compose is missing' }
  }
}
# The Dockerfile needs BuildKit (Compose v2 always uses it; v1 only through the docker CLI).
$env:DOCKER_BUILDKIT = '1'
$env:COMPOSE_DOCKER_CLI_BUILD = '1'

# 2. PART-A or standalone: PART-A runs containers named hive-metastore and hive-minio (ours are
# named after the Compose project), and its network is whichever network the two share.
function Networks($container) {
  $r = Native @('docker', 'inspect', '-f', '{{range $name, $_ := .NetworkSettings.Networks}}{{$name}} {{end}}', $container)
  if ($r.Code -ne 0) { return @() }
  return @(($r.Out -join ' ') -split ' ' | Where-Object { $_ })
}
function Running($container) {
  $r = Native @('docker', 'inspect', '-f', '{{.State.Running}}', $container)
  return ($r.Code -eq 0 -and ($r.Out -join '').Trim() -eq 'true')
}
$PartANet = ''
if ($dockerUp -and (Running 'hive-metastore') -and (Running 'hive-minio')) {
  $minioNets = Networks 'hive-minio'
  $PartANet = @(Networks 'hive-metastore' | Where-Object { $minioNets -contains $_ }) | Select-Object -First 1
}
$Mode = 'standalone'
if ($PartA) { $Mode = 'part-a' } elseif (-not $Standalone -and $PartANet) { $Mode = 'part-a' }
$Profiles = @()
if ($Mode -eq 'standalone') {
  $Profiles += @('--profile', 'standalone')
  $Network = if ($env:LAKEHOUSE_NETWORK) { $env:LAKEHOUSE_NETWORK } else { 'crypto-lakehouse' }
  $S3 = 'http://minio:9000'
  Say 'PART-A is not running: starting our own MinIO, Hive Metastore (PostgreSQL) and Jupyter'
} else {
  if (-not $PartANet -and -not $DryRun) { Fail '-PartA: no running hive-metastore and hive-minio containers on a shared network; start PART-A first' }
  $Network = if ($PartANet) { $PartANet } else { 'part-a_dasnet' }
  $S3 = 'http://hive-minio:9000'
  Say "PART-A is running: joining its network '$Network' (MinIO hive-minio, thrift://hive-metastore:9083)"
}
if ($Cluster) { $Profiles += @('--profile', 'cluster') }

# 3. .env: created once from .env.example with fresh random secrets; setup then only keeps the
# network and the S3 endpoint in step with the mode.
if (-not (Test-Path .env)) {
  Say 'Creating .env from .env.example (random local secrets)'
  if (-not $DryRun) {
    (Get-Content .env.example) `
      -replace '^AWS_ACCESS_KEY_ID=.*', ("AWS_ACCESS_KEY_ID=lakehouse-" + (Secret 4)) `
      -replace '^AWS_SECRET_ACCESS_KEY=.*', ("AWS_SECRET_ACCESS_KEY=" + (Secret 20)) `
      -replace '^METASTORE_DB_PASSWORD=.*', ("METASTORE_DB_PASSWORD=" + (Secret 16)) `
      -replace '^JUPYTER_TOKEN=.*', ("JUPYTER_TOKEN=" + (Secret 16)) | Set-Content -Encoding ascii .env
    if ($Mode -eq 'part-a') {
      # Random keys cannot open PART-A's MinIO.
      SetEnv 'AWS_ACCESS_KEY_ID' ''
      SetEnv 'AWS_SECRET_ACCESS_KEY' ''
    }
  }
}
if (-not $DryRun) {
  if ($Mode -eq 'part-a' -and (-not (EnvValue 'AWS_ACCESS_KEY_ID' '') -or -not (EnvValue 'AWS_SECRET_ACCESS_KEY' ''))) {
    Fail "put PART-A's MinIO keys in .env (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), then run ./setup.ps1 again"
  }
  # The dashboard's and Jupyter's read-only key (see setup.sh).
  if (-not (EnvValue 'LAKEHOUSE_READER_ACCESS_KEY' '') -or -not (EnvValue 'LAKEHOUSE_READER_SECRET_KEY' '')) {
    if ($Mode -eq 'standalone') {
      SetEnv 'LAKEHOUSE_READER_ACCESS_KEY' ("reader-" + (Secret 4))
      SetEnv 'LAKEHOUSE_READER_SECRET_KEY' (Secret 20)
    } else {
      Say "The dashboard and Jupyter read PART-A's MinIO with its keys; put a read-only key in .env (LAKEHOUSE_READER_*) to scope them"
      SetEnv 'LAKEHOUSE_READER_ACCESS_KEY' (EnvValue 'AWS_ACCESS_KEY_ID' '')
      SetEnv 'LAKEHOUSE_READER_SECRET_KEY' (EnvValue 'AWS_SECRET_ACCESS_KEY' '')
    }
  }
  SetEnv 'LAKEHOUSE_NETWORK' $Network
  SetEnv 'S3_ENDPOINT' $S3
}
$env:LAKEHOUSE_NETWORK = $Network
$env:S3_ENDPOINT = $S3

# 4. Free ports: the ones this run publishes, as .env (or the environment) sets them.
function PortInUse($port) {
  $client = New-Object System.Net.Sockets.TcpClient
  try { $client.Connect('127.0.0.1', [int]$port); return $true } catch { return $false } finally { $client.Close() }
}
$ports = [ordered]@{}
function AddPort($service, $name, $default) { if ($Without -notcontains $service) { $ports[$name] = EnvValue $name $default } }
AddPort 'kafka' 'KAFKA_HOST_PORT' '9092'
AddPort 'kafka-ui' 'KAFKA_UI_PORT' '8080'
AddPort 'producer' 'PRODUCER_PORT' '8081'
AddPort 'dashboard' 'DASHBOARD_PORT' '8082'
AddPort 'bronze' 'BRONZE_UI_PORT' '4040'
AddPort 'silver' 'SILVER_UI_PORT' '4041'
AddPort 'gold' 'GOLD_UI_PORT' '4042'
AddPort 'maintenance' 'MAINTENANCE_UI_PORT' '4043'
if ($Mode -eq 'standalone') {
  AddPort 'minio' 'MINIO_API_PORT' '9000'
  AddPort 'minio' 'MINIO_CONSOLE_PORT' '9001'
  AddPort 'hive-metastore' 'METASTORE_PORT' '9083'
  AddPort 'jupyter' 'JUPYTER_PORT' '8888'
}
if ($Cluster) {
  AddPort 'spark-master' 'SPARK_MASTER_UI_PORT' '8090'
  AddPort 'spark-worker' 'SPARK_WORKER_UI_PORT' '8091'
}
if (-not $DryRun) {
  $running = (Native ($Compose + $Profiles + @('ps', '-q'))).Out | Where-Object { $_ -match '^[0-9a-f]{12,}$' }
  if (-not $running) {
    foreach ($name in $ports.Keys) {
      if (PortInUse $ports[$name]) { Fail ("port " + $ports[$name] + " is in use; free it or set another $name in .env") }
    }
  }
}

# 5. Network and images.
if ($DryRun -or (Native @('docker', 'network', 'inspect', $Network)).Code -ne 0) {
  Say "Creating the Docker network '$Network'"
  Run @('docker', 'network', 'create', $Network)
}
# The services to start: those of the active profiles but -Without's, named, so that Compose
# neither starts nor pulls the others (`up --scale x=0` still pulls x).
$Services = @()
if ($Without.Count -gt 0) {
  if ($DryRun) { $Services = @("<every service but $($Without -join ',')>") }
  else {
    $config = (Native ($Compose + $Profiles + @('config'))).Out
    $active = @($Profiles | Where-Object { $_ -ne '--profile' })
    $inServices = $false; $name = ''; $profilesOf = @(); $inProfiles = $false
    $all = @()
    foreach ($line in ($config + @('end:'))) {
      if ($line -match '^services:') { $inServices = $true; continue }
      if (-not $inServices) { continue }
      if ($line -match '^\S' -or $line -match '^  [A-Za-z0-9_.-]+:$') {
        if ($name) { $all += , @($name, $profilesOf) }
        $name = ''; $profilesOf = @(); $inProfiles = $false
        if ($line -match '^\S') { $inServices = $false; continue }
        $name = $line.Trim().TrimEnd(':'); continue
      }
      if ($line -match '^    profiles:') { $inProfiles = $true; continue }
      if ($inProfiles -and $line -match '^ +- (\S+)') { $profilesOf += $Matches[1]; continue }
      $inProfiles = $false
    }
    foreach ($entry in $all) {
      $svc = $entry[0]; $of = @($entry[1])
      $enabled = ($of.Count -eq 0) -or @($of | Where-Object { $active -contains $_ }).Count -gt 0
      if ($enabled -and $Without -notcontains $svc) { $Services += $svc }
    }
  }
}
if (-not $NoBuild) {
  Say 'Building the images inside Docker (the first build downloads Maven''s dependencies)'
  Run ($Compose + $Profiles + @('build'))
}

# 6. Up, storage and catalog first, then everything; wait on the healthchecks.
Say 'Starting the stack'
if ($Mode -eq 'standalone') { Run ($Compose + $Profiles + @('up', '-d', '--no-build', 'minio', 'minio-init', 'postgres', 'hive-metastore')) }
Run ($Compose + $Profiles + @('up', '-d', '--no-build') + $Services)
Say 'Waiting for every service to be healthy'
if ($DryRun) {
  Write-Host "    (poll 'docker inspect' health of every service, up to 10 minutes)"
} else {
  $deadline = (Get-Date).AddMinutes(10)
  do {
    $pending = @()
    foreach ($id in ((Native ($Compose + $Profiles + @('ps', '-q'))).Out | Where-Object { $_ -match '^[0-9a-f]{12,}$' })) {
      $state = ((Native @('docker', 'inspect', '-f', '{{.Name}} {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}} {{.State.ExitCode}}', $id)).Out -join '').Trim()
      $parts = $state.Split(' ')
      if ($parts[1] -eq 'healthy' -or ($parts[1] -eq 'exited' -and $parts[2] -eq '0')) { continue }
      if ($parts[1] -eq 'exited') { Fail ($parts[0] + " exited with status " + $parts[2] + "; see '" + ($Compose -join ' ') + " logs'") }
      $pending += $parts[0]
    }
    if ($pending.Count -eq 0) { break }
    Start-Sleep -Seconds 5  # polling Docker's health states, not guessing a start-up time
  } while ((Get-Date) -lt $deadline)
  if ($pending.Count -gt 0) { Fail ("not healthy after 10 minutes: " + ($pending -join ', ')) }
}

# 7. Where things are.
Write-Host ''
Write-Host "crypto-lakehouse is up ($Mode, network $Network)."
if ($Without -notcontains 'kafka-ui') { Write-Host ("  Kafka UI          http://localhost:" + (EnvValue 'KAFKA_UI_PORT' '8080')) }
if ($Without -notcontains 'dashboard') { Write-Host ("  Dashboard         http://localhost:" + (EnvValue 'DASHBOARD_PORT' '8082')) }
Write-Host ("  Producer health   http://localhost:" + (EnvValue 'PRODUCER_PORT' '8081') + "/actuator/health")
Write-Host ("  Spark UIs         bronze http://localhost:" + (EnvValue 'BRONZE_UI_PORT' '4040') + "  silver :" + (EnvValue 'SILVER_UI_PORT' '4041') + "  gold :" + (EnvValue 'GOLD_UI_PORT' '4042') + "  maintenance :" + (EnvValue 'MAINTENANCE_UI_PORT' '4043'))
if ($Mode -eq 'standalone') {
  if ($Without -notcontains 'jupyter') { Write-Host ("  Jupyter           http://localhost:" + (EnvValue 'JUPYTER_PORT' '8888') + "/lab?token=<JUPYTER_TOKEN from .env>") }
  Write-Host ("  MinIO             http://localhost:" + (EnvValue 'MINIO_API_PORT' '9000') + "  console :" + (EnvValue 'MINIO_CONSOLE_PORT' '9001'))
  Write-Host ("  Hive Metastore    thrift://localhost:" + (EnvValue 'METASTORE_PORT' '9083'))
}
if ($Cluster) { Write-Host ("  Spark master UI   http://localhost:" + (EnvValue 'SPARK_MASTER_UI_PORT' '8090')) }
Write-Host ''
Write-Host ("Stop: " + (($Compose + $Profiles) -join ' ') + " down (data stays in the volumes).")
