# Brings up crypto-lakehouse with Docker Compose on Windows (PowerShell 5.1+ or 7): the same steps
# as setup.sh. Safe to run again.
#   ./setup.ps1 [-DryRun] [-Standalone | -PartA] [-Cluster] [-NoBuild]
param(
  [switch]$DryRun,
  [switch]$Standalone,
  [switch]$PartA,
  [switch]$Cluster,
  [switch]$NoBuild
)
$ErrorActionPreference = 'Stop'
Set-Location -Path $PSScriptRoot

function Say($text) { Write-Host "==> $text" }
function Fail($text) { Write-Host "setup: $text" -ForegroundColor Red; exit 1 }
function Run([string[]]$cmd) {
  if ($DryRun) { Write-Host ("    `$ " + ($cmd -join ' ')); return }
  $rest = @($cmd | Select-Object -Skip 1)
  & $cmd[0] @rest
  if ($LASTEXITCODE -ne 0) { Fail ("failed: " + ($cmd -join ' ')) }
}
function EnvValue($name, $default) {
  if (Test-Path .env) {
    $line = Get-Content .env | Where-Object { $_ -match "^$name=" } | Select-Object -Last 1
    if ($line) { $value = $line.Substring($name.Length + 1); if ($value) { return $value } }
  }
  return $default
}
function Secret($bytes) {
  $buffer = New-Object byte[] $bytes
  [System.Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($buffer)
  return -join ($buffer | ForEach-Object { $_.ToString('x2') })
}

$Network = EnvValue 'LAKEHOUSE_NETWORK' 'dasnet'
# Output of a compose command (docker compose v2, or docker-compose v1).
function Compose-Out([string[]]$arguments) {
  $all = @($Compose) + $arguments
  $rest = @($all | Select-Object -Skip 1)
  & $all[0] @rest 2>$null
}

# 1. Prerequisites.
Say 'Checking prerequisites'
$Compose = @('docker', 'compose')
$dockerUp = $false
if (Get-Command docker -ErrorAction SilentlyContinue) {
  docker info *> $null; $dockerUp = ($LASTEXITCODE -eq 0)
}
if ($DryRun -and -not $dockerUp) {
  Write-Host '    (dry run: Docker is not needed; commands are printed, not run)'
} else {
  if (-not (Get-Command docker -ErrorAction SilentlyContinue)) { Fail 'Docker is not installed: https://docs.docker.com/desktop/' }
  if (-not $dockerUp) { Fail 'the Docker daemon is not running (start Docker Desktop)' }
  docker compose version *> $null
  if ($LASTEXITCODE -ne 0) {
    if (Get-Command docker-compose -ErrorAction SilentlyContinue) { $Compose = @('docker-compose') }
    else { Fail 'Docker Compose is missing' }
  }
}
if (-not $NoBuild -and -not (Get-Command java -ErrorAction SilentlyContinue) -and -not $env:JAVA_HOME) {
  Fail 'a JDK 17 is needed to build the jars (or run with -NoBuild after building elsewhere)'
}

# 2. PART-A or standalone.
$Mode = 'standalone'
if ($PartA) { $Mode = 'part-a' }
elseif (-not $Standalone -and $dockerUp) {
  $names = docker ps --format '{{.Names}}'
  if (($names -contains 'hive-metastore') -and ($names -contains 'hive-minio')) { $Mode = 'part-a' }
}
$Profiles = @()
if ($Mode -eq 'standalone') {
  $Profiles += @('--profile', 'standalone')
  Say 'PART-A is not running: starting our own MinIO, Hive Metastore (PostgreSQL) and Jupyter'
} else {
  Say "PART-A is running: joining its network '$Network' (MinIO hive-minio, thrift://hive-metastore:9083)"
}
if ($Cluster) { $Profiles += @('--profile', 'cluster') }

# 3. .env: created once from .env.example with fresh random secrets; never overwritten.
if (-not (Test-Path .env)) {
  Say 'Creating .env from .env.example (random local secrets)'
  if (-not $DryRun) {
    (Get-Content .env.example) `
      -replace '^AWS_ACCESS_KEY_ID=.*', ("AWS_ACCESS_KEY_ID=lakehouse-" + (Secret 4)) `
      -replace '^AWS_SECRET_ACCESS_KEY=.*', ("AWS_SECRET_ACCESS_KEY=" + (Secret 20)) `
      -replace '^METASTORE_DB_PASSWORD=.*', ("METASTORE_DB_PASSWORD=" + (Secret 16)) `
      -replace '^JUPYTER_TOKEN=.*', ("JUPYTER_TOKEN=" + (Secret 16)) | Set-Content -Encoding ascii .env
  }
  if ($Mode -eq 'part-a' -and -not $DryRun) {
    # Random keys cannot open PART-A's MinIO.
    (Get-Content .env) -replace '^AWS_ACCESS_KEY_ID=.*', 'AWS_ACCESS_KEY_ID=' `
      -replace '^AWS_SECRET_ACCESS_KEY=.*', 'AWS_SECRET_ACCESS_KEY=' | Set-Content -Encoding ascii .env
  }
}
if ($Mode -eq 'part-a' -and -not $DryRun -and ((Get-Content .env) -match '^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY)=$')) {
  Fail "put PART-A's MinIO keys in .env (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), then run ./setup.ps1 again"
}
if ($Mode -eq 'part-a' -and -not $DryRun) {
  $lines = @(Get-Content .env)
  if (-not ($lines -match '^S3_ENDPOINT=')) { $lines += 'S3_ENDPOINT=' }
  $lines -replace '^S3_ENDPOINT=$', 'S3_ENDPOINT=http://hive-minio:9000' | Set-Content -Encoding ascii .env
}

# 4. Free ports.
function PortInUse($port) {
  $client = New-Object System.Net.Sockets.TcpClient
  try { $client.Connect('127.0.0.1', $port); return $true } catch { return $false } finally { $client.Close() }
}
if (-not $DryRun) {
  $running = Compose-Out @('ps', '-q')
  if (-not $running) {
    $ports = @(9092, 8080, 8081, 8082, 4040, 4041, 4042)
    if ($Mode -eq 'standalone') { $ports += @(9000, 9001, 9083, 8888) }
    if ($Cluster) { $ports += @(8090, 8091) }
    foreach ($p in $ports) { if (PortInUse $p) { Fail "port $p is in use; free it or change its *_PORT variable in .env" } }
  }
}

# 5. Network, jars, images.
$networkExists = $false
if ($dockerUp) { docker network inspect $Network *> $null; $networkExists = ($LASTEXITCODE -eq 0) }
if (-not $networkExists) { Say "Creating the Docker network '$Network'"; Run @('docker', 'network', 'create', $Network) }
if (-not $NoBuild) {
  Say 'Building the job jars (mvnw; the first build downloads the dependencies)'
  Run @('.\mvnw.cmd', '-B', '-ntp', '-q', 'package', '-DskipTests', '-Dspotless.check.skip=true',
        '-Dcheckstyle.skip=true', '-pl', 'bronze-ingest-job,silver-transform-job,gold-aggregate-job,maintenance-job', '-am')
  Say 'Building the images'
  Run ($Compose + $Profiles + @('build'))
}
foreach ($jar in @('bronze-ingest-job', 'silver-transform-job', 'gold-aggregate-job', 'maintenance-job')) {
  if (-not $DryRun -and -not (Test-Path "$jar/target/$jar-0.1.0-SNAPSHOT-spark-submit.jar")) {
    Fail "$jar/target/$jar-0.1.0-SNAPSHOT-spark-submit.jar is missing; run without -NoBuild"
  }
}

# 6. Up, storage and catalog first; then wait on the healthchecks.
Say 'Starting the stack'
if ($Mode -eq 'standalone') { Run ($Compose + $Profiles + @('up', '-d', 'minio', 'minio-init', 'postgres', 'hive-metastore')) }
Run ($Compose + $Profiles + @('up', '-d'))
Say 'Waiting for every service to be healthy'
if ($DryRun) {
  Write-Host "    (poll 'docker inspect' health of every service, up to 10 minutes)"
} else {
  $deadline = (Get-Date).AddMinutes(10)
  do {
    $pending = @()
    foreach ($id in (Compose-Out ($Profiles + @('ps', '-q')))) {
      $state = docker inspect -f '{{.Name}} {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' $id
      if (-not ($state -match ' (healthy|exited)$')) { $pending += $state.Split(' ')[0] }
    }
    if ($pending.Count -eq 0) { break }
    Start-Sleep -Seconds 5  # polling docker for health, not waiting for a guess
  } while ((Get-Date) -lt $deadline)
  if ($pending.Count -gt 0) { Fail ("not healthy after 10 minutes: " + ($pending -join ', ')) }
}

# 7. Where things are.
Write-Host ''
Write-Host "crypto-lakehouse is up ($Mode)."
Write-Host ("  Kafka UI          http://localhost:" + (EnvValue 'KAFKA_UI_PORT' '8080'))
Write-Host ("  Dashboard         http://localhost:" + (EnvValue 'DASHBOARD_PORT' '8082'))
Write-Host ("  Producer health   http://localhost:" + (EnvValue 'PRODUCER_PORT' '8081') + "/actuator/health")
Write-Host ("  Spark UIs         bronze http://localhost:" + (EnvValue 'BRONZE_UI_PORT' '4040') + "  silver :" + (EnvValue 'SILVER_UI_PORT' '4041') + "  gold :" + (EnvValue 'GOLD_UI_PORT' '4042') + "  maintenance :" + (EnvValue 'MAINTENANCE_UI_PORT' '4043'))
if ($Mode -eq 'standalone') {
  Write-Host ("  Jupyter           http://localhost:" + (EnvValue 'JUPYTER_PORT' '8888') + "/lab?token=<JUPYTER_TOKEN from .env>")
  Write-Host ("  MinIO console     http://localhost:" + (EnvValue 'MINIO_CONSOLE_PORT' '9001'))
  Write-Host ("  Hive Metastore    thrift://localhost:" + (EnvValue 'METASTORE_PORT' '9083'))
}
if ($Cluster) { Write-Host ("  Spark master UI   http://localhost:" + (EnvValue 'SPARK_MASTER_UI_PORT' '8090')) }
Write-Host ''
Write-Host ("Stop: " + (($Compose + $Profiles) -join ' ') + " down (data stays in the volumes).")
