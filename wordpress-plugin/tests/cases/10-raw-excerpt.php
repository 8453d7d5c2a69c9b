<?php
// A REST read asking only for the raw excerpt does not build the rendered one.

test('_fields=excerpt.raw answers the raw excerpt without trimming one from the content; other reads are unchanged', function () {
    as_admin();
    $id = wp_insert_post(array('post_title' => 'Excerpt test', 'post_status' => 'publish', 'post_content' => '<p>' . str_repeat('Long body words. ', 100) . '</p>', 'post_excerpt' => ''));
    $trims = 0;
    $count = function ($text) use (&$trims) {
        $trims++;
        return $text;
    };
    add_filter('excerpt_length', $count); // wp_trim_excerpt asks for the length each time it trims
    try {
        $raw = rest('GET', "/wp/v2/posts/$id", array('context' => 'edit', '_fields' => 'id,excerpt.raw,content.raw'));
        check_same(200, $raw->get_status(), 'raw read');
        check_same('', $raw->get_data()['excerpt']['raw'], 'the raw excerpt');
        check_same('', $raw->get_data()['excerpt']['rendered'] ?? '', 'nothing rendered from the content');
        check_same(0, $trims, 'no excerpt trimmed for a raw-only read');
        check_same(10, has_filter('get_the_excerpt', 'wp_trim_excerpt'), 'wp_trim_excerpt back in place afterwards');

        $rendered = rest('GET', "/wp/v2/posts/$id", array('context' => 'edit', '_fields' => 'id,excerpt'));
        check(strpos($rendered->get_data()['excerpt']['rendered'], 'Long body words.') !== false, 'the rendered excerpt is still trimmed from the content');
        check($trims > 0, 'wp_trim_excerpt ran for the rendered read');
    } finally {
        remove_filter('excerpt_length', $count);
        wp_delete_post($id, true);
    }
});
