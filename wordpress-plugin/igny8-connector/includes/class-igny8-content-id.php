<?php
/**
 * Exactly-once creates: IGNY8 sets post meta _igny8_content_id when it creates a post, and can
 * ask GET /wp/v2/{type}?igny8_content_id=... whether a create that timed out really happened.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Content_Id
{
    const META_KEY = '_igny8_content_id';
    const QUERY_PARAM = 'igny8_content_id';
    /** Statuses a lookup searches when the request names none: everything but auto-drafts. */
    const LOOKUP_STATUSES = array('publish', 'future', 'draft', 'pending', 'private', 'trash');

    public static function register(): void
    {
        add_action('init', array(self::class, 'register_meta'), 20);
        add_action('rest_api_init', array(self::class, 'register_query_param'));
    }

    public static function register_meta(): void
    {
        foreach (Igny8_Config::tracked_post_types() as $type) {
            if (!post_type_exists($type)) {
                continue;
            }
            if (!post_type_supports($type, 'custom-fields')) {
                add_post_type_support($type, 'custom-fields'); // REST shows registered meta only then
            }
            register_post_meta($type, self::META_KEY, array(
                'type' => 'string',
                'single' => true,
                'description' => 'The IGNY8 content item this post was created from.',
                'sanitize_callback' => 'sanitize_text_field',
                'show_in_rest' => array('schema' => array('type' => 'string', 'context' => array('edit'))),
                'auth_callback' => array(self::class, 'can_edit'),
            ));
        }
    }

    public static function can_edit($allowed, $meta_key, $object_id, $user_id = 0): bool
    {
        $user_id = $user_id ?: get_current_user_id();
        return $object_id ? user_can($user_id, 'edit_post', $object_id) : user_can($user_id, 'edit_posts');
    }

    public static function register_query_param(): void
    {
        foreach (Igny8_Config::tracked_post_types() as $type) {
            add_filter("rest_{$type}_collection_params", array(self::class, 'add_collection_param'));
            add_filter("rest_{$type}_query", array(self::class, 'filter_query'), 10, 2);
        }
    }

    public static function add_collection_param(array $params): array
    {
        $params[self::QUERY_PARAM] = array(
            'description' => 'Limit the result to posts created from this IGNY8 content item (all statuses but auto-draft unless status is given; needs edit_posts).',
            'type' => 'string',
            'sanitize_callback' => 'sanitize_text_field',
        );
        return $params;
    }

    public static function filter_query(array $args, WP_REST_Request $request): array
    {
        $content_id = $request->get_param(self::QUERY_PARAM);
        if ($content_id === null || $content_id === '') {
            return $args;
        }
        if (!current_user_can('edit_posts')) {
            $args['post__in'] = array(0); // only editors may search by it
            return $args;
        }
        $args['meta_query'] = isset($args['meta_query']) && is_array($args['meta_query']) ? $args['meta_query'] : array();
        $args['meta_query'][] = array('key' => self::META_KEY, 'value' => (string) $content_id);
        $query = $request->get_query_params();
        if (!isset($query['status'])) {
            $args['post_status'] = self::LOOKUP_STATUSES;
        }
        return $args;
    }
}
