BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    $connection = Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0 -PassThru

    function Get-ApiBytes([int] $ProjectId, [string] $StreamId, [string] $Date) {
        # The body exactly as the stand-in sends it, read without the module.
        $file = Join-Path $TestDrive ([guid]::NewGuid().ToString('N') + '.body')
        Invoke-WebRequest -Uri "$($standIn.Url)/api/bm-cs-projects/$ProjectId/streams/$StreamId/results?date=$Date" -Headers @{ Authorization = "Bearer $($standIn.Token)" } -OutFile $file
        $bytes = [IO.File]::ReadAllBytes($file)
        Remove-Item $file
        , $bytes
    }

    function Get-ArchiveFiles([string] $Root) {
        # Every file under the archive, hidden ones (temporary files start with a dot) included, relative and sorted.
        @(Get-ChildItem $Root -Recurse -File -Force | ForEach-Object { [IO.Path]::GetRelativePath($Root, $_.FullName) -replace '\\', '/' } | Sort-Object)
    }

    function Get-GunzippedBytes([string] $Path) {
        $input = [IO.File]::OpenRead($Path)
        try {
            $gzip = [IO.Compression.GZipStream]::new($input, [IO.Compression.CompressionMode]::Decompress)
            $output = [IO.MemoryStream]::new()
            $gzip.CopyTo($output)
            , $output.ToArray()
        }
        finally { $input.Dispose() }
    }

    function Get-ResultRequests {
        @(Get-Requests $standIn | Where-Object path -Like '*/results' | ForEach-Object { ($_.path -split '/')[-2] + '/' + $_.Params.date } | Sort-Object)
    }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Save-AcrBmCsResult files' {
    BeforeAll {
        Reset-StandIn -StandIn $standIn
        $root = Join-Path $TestDrive 'layout'
        $saved = @(Save-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1, s-onda-2 -From 2026-11-01 -To 2026-11-03 -Path $root)
    }

    It 'writes one file per stream and UTC day, as Path/ProjectId/StreamId/yyyy-MM-dd.json, and nothing else' {
        Get-ArchiveFiles $root | Should -Be @(
            '1002/s-onda-1/2026-11-01.json', '1002/s-onda-1/2026-11-02.json', '1002/s-onda-1/2026-11-03.json',
            '1002/s-onda-2/2026-11-01.json', '1002/s-onda-2/2026-11-02.json', '1002/s-onda-2/2026-11-03.json')
    }

    It 'holds the API''s body byte for byte' {
        foreach ($stream in 's-onda-1', 's-onda-2') {
            foreach ($day in 1..3) {
                $expected = Get-ApiBytes 1002 $stream "2026110$day"
                $expected.Length | Should -BeGreaterThan 100
                $actual = [IO.File]::ReadAllBytes((Join-Path $root "1002/$stream/2026-11-0$day.json"))
                [Convert]::ToBase64String($actual) | Should -BeExactly ([Convert]::ToBase64String($expected)) -Because "$stream 2026-11-0$day"
            }
        }
    }

    It 'outputs one object per stream-day, in stream then day order, with what was written' {
        $saved.Count | Should -Be 6
        $saved[0].PSObject.TypeNames[0] | Should -Be 'AcrCloud.PowerShell.AcrBmCsArchiveDay'
        $saved.StreamId | Should -Be @('s-onda-1', 's-onda-1', 's-onda-1', 's-onda-2', 's-onda-2', 's-onda-2')
        ($saved.Date | ForEach-Object { $_.ToString('yyyy-MM-dd') }) | Should -Be @('2026-11-01', '2026-11-02', '2026-11-03', '2026-11-01', '2026-11-02', '2026-11-03')
        $saved.ProjectId | Sort-Object -Unique | Should -Be 1002
        $saved.Status | Sort-Object -Unique | Should -Be 'Saved'
        foreach ($day in $saved) {
            $day.Path | Should -Be (Join-Path $root "1002/$($day.StreamId)/$($day.Date.ToString('yyyy-MM-dd')).json")
            $day.Bytes | Should -Be (Get-Item $day.Path).Length
            $day.Records | Should -Be @((Get-Content -Raw $day.Path | ConvertFrom-Json -AsHashtable).data).Count
        }
    }

    It 'shows the days as a table' {
        $table = $saved | Out-String -Width 250
        $table | Should -Match 'ProjectId\s+StreamId\s+Date\s+Status\s+Records\s+Bytes\s+Path'
        $table | Should -Match '1002 s-onda-1\s+2026-11-01 Saved'
    }

    It 'binds stream objects from the pipeline' {
        $pipeRoot = Join-Path $TestDrive 'piped'
        $days = @(Get-AcrBmCsStream -ProjectId 1002 -StreamId s-onda-2 | Save-AcrBmCsResult -Date 2026-11-01 -Path $pipeRoot)
        $days.StreamId | Should -Be 's-onda-2'
        Get-ArchiveFiles $pipeRoot | Should -Be '1002/s-onda-2/2026-11-01.json'
    }

    It 'writes gzip files with -Compress, holding the same bytes' {
        $gzRoot = Join-Path $TestDrive 'gz'
        $days = @(Save-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -Date 2026-11-02 -Path $gzRoot -Compress)
        Get-ArchiveFiles $gzRoot | Should -Be '1002/s-onda-1/2026-11-02.json.gz'
        $days.Bytes | Should -Be (Get-Item $days.Path).Length
        $days.Bytes | Should -BeLessThan (Get-Item (Join-Path $root '1002/s-onda-1/2026-11-02.json')).Length
        [Convert]::ToBase64String((Get-GunzippedBytes $days.Path)) | Should -BeExactly ([Convert]::ToBase64String((Get-ApiBytes 1002 s-onda-1 20261102)))
    }

    It 'fetches and writes nothing with -WhatIf' {
        Reset-StandIn -StandIn $standIn
        $whatIfRoot = Join-Path $TestDrive 'whatif'
        $days = Save-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -Date 2026-11-01 -Path $whatIfRoot -WhatIf
        $days | Should -BeNullOrEmpty
        Test-Path $whatIfRoot | Should -BeFalse
        Get-ResultRequests | Should -BeNullOrEmpty
    }

    It 'refuses a stream id that would leave its folder' {
        $days = @(Save-AcrBmCsResult -ProjectId 1002 -StreamId '..' -Date 2026-11-01 -Path (Join-Path $TestDrive 'dots') -ErrorVariable problems -ErrorAction SilentlyContinue)
        $days | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.InvalidStreamId,*'
    }
}

Describe 'Save-AcrBmCsResult resuming' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'after a run stopped half way, a second run fetches only the missing days: every day once, nothing partial' {
        $root = Join-Path $TestDrive 'resume'
        $dates = 1..10 | ForEach-Object { [datetime]::new(2026, 10, $_) }
        $first = @(Save-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-klassik -Date $dates -Path $root -ThrottleLimit 2 | Select-Object -First 4)
        $first.Count | Should -Be 4
        # Requests the stopped run had in flight may still finish; let them, then look at what the run left.
        Start-Sleep -Milliseconds 500
        $left = Get-ArchiveFiles $root
        $left | Should -Not -BeLike '*.tmp'
        $left.Count | Should -BeLessThan 10
        # A temporary file of a run that was killed while writing: the next run removes it.
        Set-Content -Path (Join-Path $root '1001/s-aare-klassik/.2026-10-09.json.0badf00d.tmp') -Value '{"data": [{"stat'
        Reset-StandIn -StandIn $standIn

        $second = @(Save-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-klassik -Date $dates -Path $root -ThrottleLimit 2)
        $second.Count | Should -Be 10
        @($second | Where-Object Status -EQ Skipped).Count | Should -Be $left.Count
        @($second | Where-Object Status -EQ Saved).Count | Should -Be (10 - $left.Count)
        Get-ResultRequests | Should -Be @($second | Where-Object Status -EQ Saved | ForEach-Object { 's-aare-klassik/' + $_.Date.ToString('yyyyMMdd') } | Sort-Object)
        Get-ArchiveFiles $root | Should -Be @($dates | ForEach-Object { '1001/s-aare-klassik/' + $_.ToString('yyyy-MM-dd') + '.json' })
        foreach ($date in $dates) {
            $actual = [IO.File]::ReadAllBytes((Join-Path $root ('1001/s-aare-klassik/' + $date.ToString('yyyy-MM-dd') + '.json')))
            [Convert]::ToBase64String($actual) | Should -BeExactly ([Convert]::ToBase64String((Get-ApiBytes 1001 s-aare-klassik $date.ToString('yyyyMMdd'))))
        }
    }

    Context 'a recent day and an old one' {
        BeforeAll {
            $root = Join-Path $TestDrive 'refresh'
            $recent = [datetime]::UtcNow.Date.AddDays(-1)
            $old = [datetime]::UtcNow.Date.AddDays(-10)
            $null = Save-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-klassik -Date $recent, $old -Path $root
            $files = $recent, $old | ForEach-Object { Join-Path $root ('1001/s-aare-klassik/' + $_.ToString('yyyy-MM-dd') + '.json') }
            function Set-Aged { foreach ($file in $files) { (Get-Item $file).LastWriteTimeUtc = [datetime]::new(2020, 1, 1, 0, 0, 0, [DateTimeKind]::Utc) } }
        }

        It 'fetches again only a day that ended less than -RefreshDays (default 2) ago, and leaves unchanged bytes alone' {
            Set-Aged
            $days = @(Save-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-klassik -Date $recent, $old -Path $root)
            $days.Status | Should -Be @('Unchanged', 'Skipped')
            $days[1].Records | Should -BeNullOrEmpty
            $days[1].Bytes | Should -Be (Get-Item $files[1]).Length
            Get-ResultRequests | Should -Be ('s-aare-klassik/' + $recent.ToString('yyyyMMdd'))
            $files | ForEach-Object { (Get-Item $_).LastWriteTimeUtc.Year | Should -Be 2020 }
        }

        It 'with -RefreshDays 0 fetches no day that is in the archive' {
            $days = @(Save-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-klassik -Date $recent, $old -Path $root -RefreshDays 0)
            $days.Status | Should -Be @('Skipped', 'Skipped')
            Get-ResultRequests | Should -BeNullOrEmpty
        }

        It 'with a larger -RefreshDays or -Force fetches every day again' {
            $days = @(Save-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-klassik -Date $recent, $old -Path $root -RefreshDays 30)
            $days.Status | Should -Be @('Unchanged', 'Unchanged')
            Reset-StandIn -StandIn $standIn
            $days = @(Save-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-klassik -Date $recent, $old -Path $root -Force)
            $days.Status | Should -Be @('Unchanged', 'Unchanged')
            Get-ResultRequests | Should -Be @($recent, $old | ForEach-Object { 's-aare-klassik/' + $_.ToString('yyyyMMdd') } | Sort-Object)
        }

        It 'rewrites a day whose file no longer holds the API''s bytes' {
            Set-Aged
            Set-Content -Path $files[1] -Value '{"data": []}' -NoNewline
            $days = @(Save-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-klassik -Date $old -Path $root -Force)
            $days.Status | Should -Be 'Saved'
            (Get-Item $files[1]).LastWriteTimeUtc.Year | Should -Not -Be 2020
            [Convert]::ToBase64String([IO.File]::ReadAllBytes($files[1])) | Should -BeExactly ([Convert]::ToBase64String((Get-ApiBytes 1001 s-aare-klassik $old.ToString('yyyyMMdd'))))
        }
    }
}

Describe 'Save-AcrBmCsResult failures' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'writes nothing for a day whose answer is broken, reports it naming the stream-day, and saves the others' {
        $root = Join-Path $TestDrive 'broken'
        Add-StandInFault -StandIn $standIn -Match 's-aare-klassik/results' -Date 20261002 -Fault @(@{ kind = 'badjson' })
        $days = @(Save-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-klassik -Date 2026-10-01, 2026-10-02, 2026-10-03 -Path $root -ErrorVariable problems -ErrorAction SilentlyContinue)
        $days.Status | Should -Be @('Saved', 'Failed', 'Saved')
        $days[1].Path | Should -Be (Join-Path $root '1001/s-aare-klassik/2026-10-02.json')
        $days[1].Bytes | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.InvalidResponse,*'
        "$($problems[0].TargetObject)" | Should -Be 'project 1001, stream s-aare-klassik, 2026-10-02'
        Get-ArchiveFiles $root | Should -Be @('1001/s-aare-klassik/2026-10-01.json', '1001/s-aare-klassik/2026-10-03.json')
    }

    It 'keeps the file of a day that was archived before when fetching it again fails' {
        $root = Join-Path $TestDrive 'kept'
        $null = Save-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-klassik -Date 2026-10-05 -Path $root -Compress
        $file = Join-Path $root '1001/s-aare-klassik/2026-10-05.json.gz'
        $before = [Convert]::ToBase64String([IO.File]::ReadAllBytes($file))
        Add-StandInFault -StandIn $standIn -Match 's-aare-klassik/results' -Fault @(@{ kind = 'status'; status = 404 })
        $days = @(Save-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-klassik -Date 2026-10-05 -Path $root -Compress -Force -ErrorVariable problems -ErrorAction SilentlyContinue)
        $days.Status | Should -Be 'Failed'
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AcrCloud.NotFound,*'
        [Convert]::ToBase64String([IO.File]::ReadAllBytes($file)) | Should -BeExactly $before
        Get-ArchiveFiles $root | Should -Be '1001/s-aare-klassik/2026-10-05.json.gz'
    }

    It 'shows progress as it saves' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($module, $connection, $root)
                $ProgressPreference = 'Continue'
                Import-Module $module
                $null = Save-AcrBmCsResult -Connection $connection -ProjectId 1002 -StreamId s-onda-1, s-onda-2 -From 2026-10-01 -To 2026-10-03 -Path $root
            }).AddArgument($ModulePath).AddArgument((Get-AcrCloudContext)).AddArgument((Join-Path $TestDrive 'progress'))
        $null = $ps.Invoke()
        $progress = @($ps.Streams.Progress | Where-Object Activity -EQ 'Saving ACRCloud results')
        $progress.StatusDescription | Should -Contain '6 of 6 stream-days'
        $progress[-1].RecordType | Should -Be 'Completed'
        $ps.Dispose()
    }
}
