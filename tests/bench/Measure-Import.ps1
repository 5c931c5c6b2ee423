#requires -Version 7.2
<#
.SYNOPSIS
Prints what Import-Module AcrCloud adds to a cold "pwsh -NoProfile" start: the median of several fresh processes
with and without the import, and the difference.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/AcrCloud/AcrCloud.psd1'),
    [ValidateRange(3, 99)]
    [int] $Runs = 11
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
$ModulePath = (Resolve-Path $ModulePath).Path

# The very PowerShell this script runs on; under "dotnet pwsh" that is the dotnet host with pwsh.dll, called
# directly so the SDK's tool shim is not timed.
$hostPath = [Environment]::ProcessPath
$pwsh = if ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { @($hostPath, [Environment]::GetCommandLineArgs()[0]) } else { @($hostPath) }

function Measure-Start([string] $Command) {
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $Command | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "pwsh failed on: $Command" }
    $watch.Elapsed.TotalMilliseconds
}

function Get-Median([double[]] $Values) { ($Values | Sort-Object)[[math]::Floor($Values.Count / 2)] }

# One throw-away start of each first, so the disk cache is warm for both alike; then the two kinds take turns so
# that whatever else the machine does weighs on both equally.
$importCommand = "Import-Module '$ModulePath'; exit"
$null = Measure-Start 'exit'
$null = Measure-Start $importCommand
$bare = [System.Collections.Generic.List[double]]::new()
$imported = [System.Collections.Generic.List[double]]::new()
$differences = [System.Collections.Generic.List[double]]::new()
foreach ($i in 1..$Runs) {
    $b = Measure-Start 'exit'
    $m = Measure-Start $importCommand
    $bare.Add($b); $imported.Add($m); $differences.Add($m - $b)
}
[pscustomobject]@{
    'pwsh -NoProfile (ms, median)'    = [math]::Round((Get-Median $bare))
    'with Import-Module (ms, median)' = [math]::Round((Get-Median $imported))
    'Import-Module adds (ms, median)' = [math]::Round((Get-Median $differences))
    Runs                              = $Runs
} | Format-List
