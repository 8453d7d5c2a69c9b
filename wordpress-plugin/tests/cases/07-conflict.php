<?php
// X-IGNY8-Expected-Modified-GMT turns a REST update into a conditional one (409 igny8_conflict).

test('an update with a stale expected modified_gmt is refused with 409 and changes nothing', function () use ($receiver) {
    connect_plugin($receiver->url());
    as_admin();
    $id = wp_insert_post(array('post_title' => 'Guarded', 'post_status' => 'publish'));
    $current = str_replace(' ', 'T', get_post($id)->post_modified_gmt);
    $stale = gmdate('Y-m-d\TH:i:s', strtotime($current . 'Z') - 3600);

    $response = rest('PUT', "/wp/v2/posts/$id", array('title' => 'Overwrite'), array('X-IGNY8-Expected-Modified-GMT' => $stale));
    check_same(409, $response->get_status(), 'status');
    $data = $response->get_data();
    check_same('igny8_conflict', $data['code'], 'code');
    check_same($current, $data['data']['modified_gmt'], 'current modified_gmt in data');
    check_same($stale, $data['data']['expected_modified_gmt'], 'expected in data');
    clean_post_cache($id);
    check_same('Guarded', get_post($id)->post_title, 'title after the refused update');

    foreach (array('PATCH', 'POST') as $method) {
        check_same(409, rest($method, "/wp/v2/posts/$id", array('title' => 'Overwrite', 'igny8_expected_modified_gmt' => $stale))->get_status(), "$method with the parameter");
    }
    check_same(400, rest('PUT', "/wp/v2/posts/$id", array('title' => 'x'), array('X-IGNY8-Expected-Modified-GMT' => 'yesterday'))->get_data()['data']['status'], 'malformed value');
});

test('an update with the current modified_gmt goes through (also with Z or a space); creates are not affected', function () use ($receiver) {
    connect_plugin($receiver->url());
    as_admin();
    $id = wp_insert_post(array('post_title' => 'Guarded 2', 'post_status' => 'publish'));
    $current = str_replace(' ', 'T', get_post($id)->post_modified_gmt);
    $forms = array(
        function ($gmt) { return $gmt; },
        function ($gmt) { return $gmt . 'Z'; },
        function ($gmt) { return str_replace('T', ' ', $gmt); },
    );
    foreach ($forms as $i => $form) {
        $expected = $form($current); // from the latest response: each update moves modified_gmt
        $response = rest('PUT', "/wp/v2/posts/$id", array('title' => "Accepted $i"), array('X-IGNY8-Expected-Modified-GMT' => $expected));
        check_same(200, $response->get_status(), "status for $expected");
        $current = $response->get_data()['modified_gmt'];
    }
    clean_post_cache($id);
    check_same('Accepted 2', get_post($id)->post_title, 'title');
    $page = rest('POST', '/wp/v2/pages', array('title' => 'New page'), array('X-IGNY8-Expected-Modified-GMT' => '2001-01-01T00:00:00'));
    check_same(201, $page->get_status(), 'create with the header');
});

test('a new draft (zero post_modified_gmt) is guarded with the modified_gmt REST shows for it', function () use ($receiver) {
    connect_plugin($receiver->url());
    as_admin();
    $id = wp_insert_post(array('post_title' => 'Fresh draft', 'post_status' => 'draft'));
    check_same('0000-00-00 00:00:00', get_post($id)->post_modified_gmt, 'stored post_modified_gmt');
    $shown = rest('GET', "/wp/v2/posts/$id", array('context' => 'edit'))->get_data()['modified_gmt'];
    $stale = gmdate('Y-m-d\TH:i:s', strtotime($shown . 'Z') - 1);
    check_same(409, rest('PUT', "/wp/v2/posts/$id", array('title' => 'x'), array('X-IGNY8-Expected-Modified-GMT' => $stale))->get_status(), 'stale by one second');
    check_same(200, rest('PUT', "/wp/v2/posts/$id", array('title' => 'Fresh draft, edited'), array('X-IGNY8-Expected-Modified-GMT' => $shown))->get_status(), 'as shown by REST');
});
