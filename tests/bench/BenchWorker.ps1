#requires -Version 7.2
<#
.SYNOPSIS
Runs one benchmark workload with the AcrCloud module or with plain Invoke-RestMethod, in a process of its own.
.DESCRIPTION
Started by Invoke-Benchmark.ps1, once per run, so that the peak working set it reports belongs to this
workload alone. The clock starts after the module is imported and the connection made, and stops once every
record is in memory. Prints one JSON line: {"seconds": ..., "records": ..., "peakMB": ...}.
#>
param(
    [Parameter(Mandatory)] [ValidateSet('AcrCloud', 'Irm')] [string] $Tool,
    [Parameter(Mandatory)] [ValidateSet('Results', 'Requests')] [string] $Kind,
    [Parameter(Mandatory)] [string] $Url,
    [Parameter(Mandatory)] [string] $Token,
    [string] $ModulePath,
    [int] $ProjectId = 2001,
    # Comma-separated: -File hands every argument over as one string.
    [string] $StreamId = '',
    [string] $FromDate = '2026-10-01',
    [int] $Days = 1,
    [int] $Count = 1,
    [string] $Path = '/api/bm-cs-projects/2001'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
# Nobody watches a worker's progress bars; drawing them would only tax whichever tool draws more of them.
$ProgressPreference = 'SilentlyContinue'

$streams = @($StreamId -split ',' | Where-Object { $_ })
$first = [datetime]::ParseExact($FromDate, 'yyyy-MM-dd', [cultureinfo]::InvariantCulture)
$dates = @(for ($i = 0; $i -lt $Days; $i++) { $first.AddDays($i) })

if ($Tool -eq 'AcrCloud') {
    Import-Module $ModulePath
    Connect-AcrCloud -BearerToken $Token -BaseUrl $Url
}
$headers = @{ Authorization = "Bearer $Token" }

$clock = [System.Diagnostics.Stopwatch]::StartNew()
# Every variant keeps what it fetched, as "$records = ..." in a user's script does, so the memory
# figures compare the same outcome; with ErrorAction Stop a failed request fails the run instead of
# quietly lowering the count.
$records = switch ("$Tool/$Kind") {
    'AcrCloud/Results' {
        Get-AcrBmCsResult -ProjectId $ProjectId -StreamId $streams -Date $dates
    }
    'Irm/Results' {
        foreach ($stream in $streams) {
            foreach ($day in $dates) {
                $uri = "$Url/api/bm-cs-projects/$ProjectId/streams/$stream/results?date=$($day.ToString('yyyyMMdd'))"
                $answer = Invoke-RestMethod -Uri $uri -Headers $headers
                # Days with a custom file carry both "title" and "Title"; ConvertFrom-Json refuses such keys,
                # so Invoke-RestMethod hands back the raw text and a working script has to parse it again.
                if ($answer -is [string]) { $answer = ConvertFrom-Json -InputObject $answer -AsHashtable }
                $answer.data
            }
        }
    }
    'AcrCloud/Requests' {
        for ($i = 0; $i -lt $Count; $i++) { Invoke-AcrCloudRequest -Path $Path }
    }
    'Irm/Requests' {
        for ($i = 0; $i -lt $Count; $i++) { Invoke-RestMethod -Uri "$Url$Path" -Headers $headers }
    }
}
$clock.Stop()
$records = @($records)

# A small answer counts only when it really is the project asked for.
$counted = if ($Kind -eq 'Requests') { @($records | Where-Object { $_.data.id -eq $ProjectId }).Count } else { $records.Count }
$peak = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64

[ordered]@{
    seconds = [Math]::Round($clock.Elapsed.TotalSeconds, 4)
    records = $counted
    peakMB  = [Math]::Round($peak / 1MB, 1)
} | ConvertTo-Json -Compress
