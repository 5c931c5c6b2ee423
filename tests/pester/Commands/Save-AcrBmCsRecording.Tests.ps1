BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    $connection = Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0 -PassThru

    function Get-RawAudio([string] $StreamId, [string] $Stamp, [int] $Seconds, [int] $ProjectId = 1001) {
        # The stand-in's audio for one request, fetched without the module.
        $uri = "$($standIn.Url)/api/bm-cs-projects/$ProjectId/streams/$StreamId/recordings?timestamp_utc=$Stamp&played_duration=$Seconds"
        (Invoke-WebRequest -Uri $uri -Headers @{ Authorization = "Bearer $($standIn.Token)" }).Content
    }

    function Get-RecordingRequests { @(Get-Requests $standIn | Where-Object path -Like '*/recordings') }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Save-AcrBmCsRecording' {
    BeforeEach {
        Reset-StandIn -StandIn $standIn
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
    }

    It 'saves the audio of piped result records under the naming rule and outputs a FileInfo per file' {
        $records = @(Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop -Date 2026-11-02 | Select-Object -First 2)
        Reset-StandIn -StandIn $standIn
        $files = @($records | Save-AcrBmCsRecording -Destination $folder)
        $files.Count | Should -Be 2
        $files[0] | Should -BeOfType [System.IO.FileInfo]
        $start = [datetime]::ParseExact($records[0].metadata.timestamp_utc, 'yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture)
        $files[0].Name | Should -BeExactly ('s-aare-pop_{0:yyyyMMdd}T{0:HHmmss}Z_{1}s.mp3' -f $start, $records[0].metadata.played_duration)
        $files[0].DirectoryName | Should -Be (Get-Item $folder).FullName
        $files[0].Length | Should -Be ($records[0].metadata.played_duration * 1000)

        $requests = Get-RecordingRequests
        $requests.Count | Should -Be 2
        $requests[0].path | Should -Be '/api/bm-cs-projects/1001/streams/s-aare-pop/recordings'
        $requests[0].Params.timestamp_utc | Should -Be $start.ToString('yyyyMMddHHmmss')
        $requests[0].Params.played_duration | Should -Be "$($records[0].metadata.played_duration)"
        $requests[0].Params.Keys | Sort-Object | Should -Be @('played_duration', 'timestamp_utc')
        $requests.accept | Select-Object -Unique | Should -Be '*/*'

        $expected = Get-RawAudio s-aare-pop $start.ToString('yyyyMMddHHmmss') $records[0].metadata.played_duration
        [System.Linq.Enumerable]::SequenceEqual([System.IO.File]::ReadAllBytes($files[0].FullName), [byte[]]$expected) | Should -BeTrue
    }

    It 'binds play rows (StartUtc, DurationSec, ProjectId, StreamId)' {
        $row = Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -Date 2026-11-02 | ConvertTo-AcrBmCsPlay | Select-Object -First 1
        $file = $row | Save-AcrBmCsRecording -Destination $folder
        $file.Name | Should -BeExactly ('s-onda-1_{0:yyyyMMdd}T{0:HHmmss}Z_{1}s.mp3' -f $row.StartUtc, $row.DurationSec)
        (Get-RecordingRequests)[-1].path | Should -Be '/api/bm-cs-projects/1002/streams/s-onda-1/recordings'
        $file.Length | Should -Be ($row.DurationSec * 1000)
    }

    It 'fetches a 1,500 s recording as three consecutive pieces of at most 600 s into one file, a verbose line each' {
        $lines = Save-AcrBmCsRecording 1001 s-aare-klassik -StartUtc '2026-11-02T10:00:00Z' -DurationSec 1500 -Path (Join-Path $folder 'long.mp3') -Verbose 4>&1
        $file = @($lines | Where-Object { $_ -is [System.IO.FileInfo] })
        $pieces = @($lines | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Piece *' })
        $file.Count | Should -Be 1
        $pieces.Message | Should -Be @('Piece 1 of 3: 600 s from 2026-11-02 10:00:00Z.', 'Piece 2 of 3: 600 s from 2026-11-02 10:10:00Z.', 'Piece 3 of 3: 300 s from 2026-11-02 10:20:00Z.')
        $requests = Get-RecordingRequests
        $requests.Params.timestamp_utc | Should -Be @('20261102100000', '20261102101000', '20261102102000')
        $requests.Params.played_duration | Should -Be @('600', '600', '300')

        $expected = [System.IO.MemoryStream]::new()
        foreach ($piece in @('20261102100000', 600), @('20261102101000', 600), @('20261102102000', 300)) {
            $audio = Get-RawAudio s-aare-klassik $piece[0] $piece[1]
            $expected.Write($audio, 0, $audio.Length)
        }
        $bytes = [System.IO.File]::ReadAllBytes($file[0].FullName)
        $bytes.Length | Should -Be 1500000
        [System.Linq.Enumerable]::SequenceEqual($bytes, $expected.ToArray()) | Should -BeTrue
        @(Get-ChildItem $folder -Force).Name | Should -Be @('long.mp3')
    }

    It 'sends the margins with a span that fits one request, and folds them into the pieces of a longer one' {
        $short = Save-AcrBmCsRecording 1001 s-aare-pop -StartUtc '2026-11-02 08:00:00' -DurationSec 100 -RecordBefore 10 -RecordAfter 20 -Destination $folder
        (Get-RecordingRequests)[0].Params.record_before | Should -Be '10'
        (Get-RecordingRequests)[0].Params.record_after | Should -Be '20'
        $short.Length | Should -Be 130000
        $short.Name | Should -BeExactly 's-aare-pop_20261102T080000Z_100s.mp3'

        Reset-StandIn -StandIn $standIn
        $long = Save-AcrBmCsRecording 1001 s-aare-pop -StartUtc '2026-11-02 08:00:00' -DurationSec 590 -RecordBefore 30 -RecordAfter 20 -Path (Join-Path $folder 'margins.mp3')
        $requests = Get-RecordingRequests
        $requests.Params.timestamp_utc | Should -Be @('20261102075930', '20261102080930')
        $requests.Params.played_duration | Should -Be @('600', '40')
        $requests | ForEach-Object { $_.Params.ContainsKey('record_before') | Should -BeFalse }
        $long.Length | Should -Be 640000
    }

    It 'leaves no file behind when a piece fails, and says which recording it was' {
        $path = Join-Path $folder 'broken.mp3'
        Add-StandInFault -StandIn $standIn -Match 's-aare-klassik/recordings' -Fault @(@{ kind = 'slow'; delayMs = 0 }, @{ kind = 'dropMidBody' })
        $out = Save-AcrBmCsRecording 1001 s-aare-klassik -StartUtc '2026-11-02T10:00:00Z' -DurationSec 1500 -Path $path -MaxRetries 0 -ErrorVariable problems -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].TargetObject.StreamId | Should -Be 's-aare-klassik'
        "$($problems[0].TargetObject)" | Should -Be 'project 1001, stream s-aare-klassik, 2026-11-02 10:00:00Z, 1500 s'
        (Get-RecordingRequests).Count | Should -Be 2 -Because 'the third piece is not asked for once the second failed'
        $path | Should -Not -Exist
        @(Get-ChildItem $folder -Force -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
    }

    It 'keeps an existing file when a piece fails, even with -Force' {
        $path = Join-Path $folder 'kept.mp3'
        $null = New-Item -ItemType Directory $folder
        Set-Content $path 'old proof'
        Add-StandInFault -StandIn $standIn -Match 'recordings' -Fault @(@{ kind = 'status'; status = 500 })
        Save-AcrBmCsRecording 1001 s-aare-pop -StartUtc '2026-11-02 08:00:00' -DurationSec 60 -Path $path -Force -MaxRetries 0 -ErrorAction SilentlyContinue
        Get-Content $path | Should -Be 'old proof'
        @(Get-ChildItem $folder -Force).Name | Should -Be @('kept.mp3')
    }

    It 'keeps an existing file unless -Force, without asking the API' {
        $first = Save-AcrBmCsRecording 1001 s-aare-pop -StartUtc '2026-11-02 08:00:00' -DurationSec 60 -Destination $folder
        Reset-StandIn -StandIn $standIn
        Set-Content $first.FullName 'edited'
        $again = Save-AcrBmCsRecording 1001 s-aare-pop -StartUtc '2026-11-02 08:00:00' -DurationSec 60 -Destination $folder -ErrorVariable problems -ErrorAction SilentlyContinue
        $again | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.FileExists,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        Get-RecordingRequests | Should -BeNullOrEmpty
        Get-Content $first.FullName | Should -Be 'edited'

        $replaced = Save-AcrBmCsRecording 1001 s-aare-pop -StartUtc '2026-11-02 08:00:00' -DurationSec 60 -Destination $folder -Force
        $replaced.Length | Should -Be 60000
    }

    It 'reports a recording that is not available as ObjectNotFound and goes on with the rest' {
        $rows = @(
            [pscustomobject]@{ ProjectId = 1001; StreamId = 's-aare-quiet'; StartUtc = [datetime]'2026-11-02T08:00:00'; DurationSec = 30 }
            [pscustomobject]@{ ProjectId = 1001; StreamId = 's-aare-pop'; StartUtc = [datetime]'2026-11-02T08:00:00'; DurationSec = 30 }
        )
        $files = @($rows | Save-AcrBmCsRecording -Destination $folder -ErrorVariable problems -ErrorAction SilentlyContinue)
        $files.Name | Should -Be @('s-aare-pop_20261102T080000Z_30s.mp3')
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'AcrCloud.NotFound,AcrCloud.PowerShell.Commands.SaveAcrBmCsRecordingCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].Exception.ApiMessage | Should -Be 'The recording is not available.'
        $problems[0].TargetObject.StreamId | Should -Be 's-aare-quiet'
    }

    It 'sends nothing and writes nothing with -WhatIf, and names the file without the token' {
        # -WhatIf writes to the host, so a process of its own shows what it says.
        $text = Invoke-FreshPwsh "Import-Module '$ModulePath'; Connect-AcrCloud -BearerToken '$($standIn.Token)' -BaseUrl '$($standIn.Url)'; Save-AcrBmCsRecording 1001 s-aare-pop -StartUtc '2026-11-02 08:00:00' -DurationSec 60 -Destination '$folder' -WhatIf" | Out-String
        Get-RecordingRequests | Should -BeNullOrEmpty
        $folder | Should -Not -Exist
        $text | Should -Match 's-aare-pop_20261102T080000Z_60s\.mp3'
        $text | Should -Not -Match ([regex]::Escape($standIn.Token))
    }

    It 'refuses an item without a start or a duration, and goes on' {
        $items = [pscustomobject]@{ ProjectId = 1001; StreamId = 's-aare-pop' }, [pscustomobject]@{ ProjectId = 1001; StreamId = 's-aare-pop'; StartUtc = [datetime]'2026-11-02T09:00:00'; DurationSec = 5 }
        $files = @($items | Save-AcrBmCsRecording -Destination $folder -ErrorVariable problems -ErrorAction SilentlyContinue)
        $files.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.NoRecordingSpan,*'
        (Get-RecordingRequests).Count | Should -Be 1
    }

    It 'stops at once on Ctrl+C while a piece hangs, leaving no file' {
        $path = Join-Path $folder 'stopped.mp3'
        Add-StandInFault -StandIn $standIn -Match 's-aare-klassik/recordings' -Fault @(@{ kind = 'slow'; delayMs = 0 }, @{ kind = 'hang' })
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($module, $connection, $path)
                Import-Module $module
                Save-AcrBmCsRecording -Connection $connection 1001 s-aare-klassik -StartUtc '2026-11-02T10:00:00Z' -DurationSec 1500 -Path $path
            }).AddArgument($ModulePath).AddArgument($connection).AddArgument($path)
        $null = $ps.BeginInvoke()
        $deadline = [datetime]::UtcNow.AddSeconds(15)
        while ((Get-RecordingRequests).Count -lt 2 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        (Get-RecordingRequests).Count | Should -Be 2
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
        $path | Should -Not -Exist
        @(Get-ChildItem $folder -Force -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
        Reset-StandIn -StandIn $standIn
    }
}
