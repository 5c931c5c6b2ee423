BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn
    Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url -BackoffFactor 0
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Get-AcrBmCsStream' {
    BeforeEach { Reset-StandIn -StandIn $standIn }

    It 'returns every stream of every page, none twice' {
        $streams = @(Get-AcrBmCsStream -ProjectId 1001)
        $streams.Count | Should -Be 27
        ($streams.stream_id | Sort-Object -Unique).Count | Should -Be 27
        $streams[0].PSObject.TypeNames[0] | Should -Be 'AcrCloud.BmCsStream'
    }

    It 'takes project objects from the pipeline' {
        $streams = @(1001, 1002 | ForEach-Object { Get-AcrBmCsProject -ProjectId $_ } | Get-AcrBmCsStream)
        $streams.Count | Should -Be 30
        ($streams | Group-Object mcp_id).Name | Should -Be @('1001', '1002')
    }

    It 'maps -State, -Search, -Sort and -Order to the API''s parameters' {
        $streams = @(Get-AcrBmCsStream -ProjectId 1001 -State Running -Search aare -Sort name -Order asc)
        $params = (Get-Requests $standIn)[0].Params
        $params.state | Should -Be 'Running'
        $params.search_value | Should -Be 'aare'
        $params.sort | Should -Be 'name'
        $params.order | Should -Be 'asc'
        $streams.name | Should -Be ($streams.name | Sort-Object)
        $streams | ForEach-Object { $_.state | Should -Be 'Running' }
    }

    It 'returns one stream with -StreamId' {
        (Get-AcrBmCsStream -ProjectId 1001 -StreamId s-aare-klassik).name | Should -Be 'Aare Klassik — Zürich'
    }

    It 'feeds Get-AcrBmCsResult directly' {
        $records = @(Get-AcrBmCsStream -ProjectId 1002 | Get-AcrBmCsResult -Date 2026-11-02)
        $records.Count | Should -BeGreaterThan 0
        ($records.StreamId | Select-Object -Unique) | Should -Be @(Get-AcrBmCsStream -ProjectId 1002).stream_id
    }
}
