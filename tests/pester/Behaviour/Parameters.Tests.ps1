BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0

    function Get-AskedDays {
        # The date of every results request the stand-in saw, in order.
        @(Get-Requests $standIn | Where-Object path -Like '*/results' | ForEach-Object { $_.Params['date'] })
    }

    function Invoke-InCulture([string] $Culture, [scriptblock] $Script) {
        # A fresh runspace in another culture and time zone, as a Swiss desktop would be.
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($module, $url, $token, $culture, $script)
                [System.Threading.Thread]::CurrentThread.CurrentCulture = $culture
                Import-Module $module
                Connect-AcrCloud -BearerToken $token -BaseUrl $url
                & ([scriptblock]::Create($script))
            }).AddArgument($ModulePath).AddArgument($standIn.Url).AddArgument($standIn.Token).AddArgument($Culture).AddArgument($Script.ToString())
        try { $ps.Invoke(); if ($ps.HadErrors) { throw $ps.Streams.Error[0] } } finally { $ps.Dispose() }
    }
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Dates given as text' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'reads <Text> as the UTC day <Day> in every culture' -ForEach @(
        @{ Text = '2026-11-02'; Day = '20261102' }
        @{ Text = '20261102'; Day = '20261102' }
        @{ Text = '2026-11-02T23:30:00Z'; Day = '20261102' }
        @{ Text = '2026-11-03T00:30:00+01:00'; Day = '20261102' }
        @{ Text = '2026-11-02T10:00:00'; Day = '20261102' }
    ) {
        foreach ($culture in 'de-CH', 'en-US', '') {
            $null = Invoke-InCulture $culture ([scriptblock]::Create("Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -Date '$Text'"))
        }
        Get-AskedDays | Should -Be @($Day, $Day, $Day)
    }

    It 'reads -From and -To as ISO days, with the machine in Europe/Zurich or not' {
        $null = Invoke-InCulture 'de-CH' { Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -From 2026-11-01 -To 20261102 }
        # Stream-days are fetched concurrently: the log's order is the server's, not the output's.
        Get-AskedDays | Sort-Object | Should -Be @('20261101', '20261102')
    }

    It 'refuses a culture form and shows the ISO one' {
        $thrown = { Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -From 01.11.2026 } | Should -Throw -PassThru
        $thrown.Exception.Message | Should -Match 'not an ISO date'
        $thrown.Exception.Message | Should -Match 'yyyy-MM-dd'
        { Invoke-InCulture 'de-CH' { Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -Date '02.11.2026' } } | Should -Throw '*2026-11-02*'
        { Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -Date '11/02/2026' } | Should -Throw '*not an ISO date*'
        Get-AskedDays | Should -BeNullOrEmpty
    }

    It 'still takes DateTime values as they are' {
        $null = Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -Date ([datetime]::new(2026, 11, 2, 23, 0, 0))
        Get-AskedDays | Should -Be @('20261102')
    }

    It 'fetches a day given twice once' {
        $records = @(Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -Date 2026-11-02, 2026-11-02, 20261102)
        Get-AskedDays | Should -Be @('20261102')
        $records.Count | Should -Be @(Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -Date 2026-11-02).Count
    }

    It 'refuses a range at the end of the calendar with an AcrCloud error' {
        $thrown = { Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -From 9999-12-31 } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AcrCloud.DateOutOfRange,*'
        $thrown.Exception | Should -BeOfType [System.ArgumentException]
        $thrown.Exception | Should -Not -BeOfType [System.ArgumentOutOfRangeException]
        { Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1 -From 2026-11-01 -To 9999-12-30 -TimeZone America/New_York } | Should -Throw -ErrorId 'AcrCloud.DateOutOfRange,*'
    }
}

Describe 'Stream ids' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'trims an id with spaces around it' {
        $records = @(Get-AcrBmCsResult -ProjectId 1002 -StreamId ' s-onda-1 ' -Date 2026-11-02)
        $records.Count | Should -BeGreaterThan 0
        $records[0].StreamId | Should -Be 's-onda-1'
        (Get-AcrBmCsStream -ProjectId 1002 -StreamId ' s-onda-2').stream_id | Should -Be 's-onda-2'
    }

    It 'refuses a blank id instead of skipping it' {
        { Get-AcrBmCsResult -ProjectId 1002 -StreamId ' ' -Date 2026-11-02 } | Should -Throw '*blank*'
        { Get-AcrBmCsResult -ProjectId 1002 -StreamId s-onda-1, '' -Date 2026-11-02 } | Should -Throw
        { Get-AcrBmCsStream -ProjectId 1002 -StreamId "`t" } | Should -Throw '*blank*'
        Get-Requests $standIn | Should -BeNullOrEmpty
    }

    It 'reports a blank id from the pipeline as an error and goes on' {
        $records = @('s-onda-1', ' ' | Get-AcrBmCsResult -ProjectId 1002 -Date 2026-11-02 -ErrorVariable problems -ErrorAction SilentlyContinue)
        $records.Count | Should -BeGreaterThan 0
        $problems.Count | Should -Be 1
        "$($problems[0])" | Should -Match 'blank'
    }
}

Describe 'Pipeline binding' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'binds stream ids piped as strings' {
        $records = @('s-onda-1', 's-onda-2' | Get-AcrBmCsResult -ProjectId 1002 -Date 2026-11-02)
        ($records.StreamId | Select-Object -Unique) | Should -Be @('s-onda-1', 's-onda-2')
    }

    It 'binds project ids piped as numbers into Get-AcrBmCsStream and Get-AcrBmCsProject' {
        $streams = @(1001, 1002 | Get-AcrBmCsStream)
        ($streams.mcp_id | Select-Object -Unique) | Should -Be @(1001, 1002)
        (1001, 1002 | Get-AcrBmCsProject).name | Should -Be @('Radio Aare', 'Onda Sud')
    }

    It 'binds a project object into Get-AcrBmCsResult' {
        $records = @(Get-AcrBmCsProject -ProjectId 1002 | Get-AcrBmCsResult -StreamId s-onda-1 -Date 2026-11-02)
        $records.Count | Should -BeGreaterThan 0
        ($records.ProjectId | Select-Object -Unique) | Should -Be 1002
    }

    It 'still binds a stream object by mcp_id, not by its own id' {
        $stream = Get-AcrBmCsStream -ProjectId 1002 -StreamId s-onda-2
        $stream.id | Should -Not -Be 1002
        $records = @($stream | Get-AcrBmCsResult -Date 2026-11-02)
        ($records.ProjectId | Select-Object -Unique) | Should -Be 1002
        ($records.StreamId | Select-Object -Unique) | Should -Be 's-onda-2'
        ($stream | Get-AcrBmCsStream).stream_id | Should -Contain 's-onda-1'
    }
}

Describe 'Query values' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'sends dates as yyyyMMdd, numbers and booleans invariantly, and lists comma-separated' {
        $null = Invoke-InCulture 'de-CH' {
            Invoke-AcrCloudRequest /api/bm-cs-projects -Query ([ordered]@{ date = [datetime]'2026-11-02'; at = [datetimeoffset]'2026-11-02T10:00:00+01:00'; n = 1.5; on = $true; ids = 's-a', 's-b'; days = [datetime]'2026-11-01', [datetime]'2026-11-02' })
        }
        (Get-Requests $standIn)[0].query | Should -Be '?date=20261102&at=20261102&n=1.5&on=1&ids=s-a%2Cs-b&days=20261101%2C20261102'
    }

    It 'refuses <Name> as a query value' -ForEach @(
        @{ Name = 'a hashtable'; Value = @{ x = 1 } }
        @{ Name = 'an object'; Value = [pscustomobject]@{ x = 1 } }
        @{ Name = 'a list of lists'; Value = @(@(1, 2), 3) }
    ) {
        $thrown = { Invoke-AcrCloudRequest /api/bm-cs-projects -Query @{ nested = $Value } } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AcrCloud.InvalidQuery,*'
        $thrown.Exception.Message | Should -Match "'nested'"
        Get-Requests $standIn | Should -BeNullOrEmpty
    }
}
