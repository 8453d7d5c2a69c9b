<?php
// SEO fields: the Yoast SEO and Rank Math meta keys in the REST API, and the SEO part of the status.

test('the Yoast SEO and Rank Math keys are written and read through REST on posts and pages', function () {
    as_admin();
    $meta = array(
        '_yoast_wpseo_title' => 'Tulips in autumn',
        '_yoast_wpseo_metadesc' => 'When and how deep to plant tulip bulbs.',
        '_yoast_wpseo_focuskw' => 'tulip bulbs',
        '_yoast_wpseo_canonical' => 'https://example.com/tulips/',
        'rank_math_title' => 'Tulips in autumn',
        'rank_math_description' => 'When and how deep to plant tulip bulbs.',
        'rank_math_focus_keyword' => 'tulip bulbs',
        'rank_math_canonical_url' => 'https://example.com/tulips/',
    );
    foreach (array('posts' => 'post', 'pages' => 'page') as $base => $type) {
        $created = rest('POST', "/wp/v2/$base", array('title' => "SEO $type", 'meta' => $meta));
        check_same(201, $created->get_status(), "create a $type");
        $id = $created->get_data()['id'];
        foreach ($meta as $key => $value) {
            check_same($value, get_post_meta($id, $key, true), "$type meta $key stored");
        }
        $read = rest('GET', "/wp/v2/$base/$id", array('context' => 'edit'))->get_data()['meta'];
        check_same($meta, array_intersect_key($read, $meta), "$type meta read back in the edit context");

        $cleared = rest('POST', "/wp/v2/$base/$id", array('meta' => array('_yoast_wpseo_title' => null)));
        check_same(200, $cleared->get_status(), "clear a $type key");
        check(!metadata_exists('post', $id, '_yoast_wpseo_title'), "null deletes the $type key");
        wp_delete_post($id, true);
    }
});

test('the SEO keys are not shown outside the edit context, and only editors of the post may write them', function () {
    $admin = as_admin();
    $id = wp_insert_post(array('post_title' => 'SEO rights', 'post_status' => 'publish', 'post_author' => $admin));
    update_post_meta($id, 'rank_math_title', 'Secret draft title');
    try {
        $view = rest('GET', "/wp/v2/posts/$id");
        check(!isset($view->get_data()['meta']['rank_math_title']), 'not in the view context');

        $author = wp_insert_user(array(
            'user_login' => 'seo-author-' . wp_rand(),
            'user_pass' => wp_generate_password(),
            'role' => 'author',
        ));
        wp_set_current_user($author);
        $denied = rest('POST', "/wp/v2/posts/$id", array('meta' => array('rank_math_title' => 'Changed')));
        check_same(403, $denied->get_status(), "an author editing another's post");
        check_same('Secret draft title', get_post_meta($id, 'rank_math_title', true), 'unchanged');
        wp_delete_user($author);
    } finally {
        wp_delete_post($id, true);
    }
});

test('the status says the plugin writes SEO meta and which SEO plugin is active', function () {
    as_admin();
    $status = rest('GET', '/igny8/v1/status')->get_data();
    check_same(true, $status['seo']['meta'] ?? null, 'seo.meta');
    $expected = array();
    if (defined('WPSEO_VERSION')) {
        $expected[] = 'yoast';
    }
    if (class_exists('RankMath') || defined('RANK_MATH_VERSION')) {
        $expected[] = 'rank_math';
    }
    check_same($expected, $status['seo']['active'], 'seo.active');
    check_same('1.2.0', $status['version'], 'version');
});
