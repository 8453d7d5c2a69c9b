<?php
/**
 * SEO fields from IGNY8: registers the post meta that Yoast SEO and Rank Math read (title,
 * description, focus keyword, canonical URL) for the REST API on every post type IGNY8 syncs,
 * so IGNY8 can write and read them with its Application Password, and tells which of the two
 * plugins is active (in GET /igny8/v1/status).
 *
 * Which keys IGNY8 writes: the active plugin's; when neither is active, both sets, so a later
 * install of either finds the fields (each reads only its own keys). Both active: both sets.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Seo
{
    /** Field => meta key, per SEO plugin. */
    const KEYS = array(
        'yoast' => array(
            'seo_title' => '_yoast_wpseo_title',
            'seo_description' => '_yoast_wpseo_metadesc',
            'focus_keyword' => '_yoast_wpseo_focuskw',
            'canonical_url' => '_yoast_wpseo_canonical',
        ),
        'rank_math' => array(
            'seo_title' => 'rank_math_title',
            'seo_description' => 'rank_math_description',
            'focus_keyword' => 'rank_math_focus_keyword',
            'canonical_url' => 'rank_math_canonical_url',
        ),
    );

    public static function register(): void
    {
        add_action('init', array(self::class, 'register_meta'), 20);
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
            foreach (self::KEYS as $keys) {
                foreach ($keys as $field => $key) {
                    // Per post type: an SEO plugin's own registration (all types, not in REST) stays as it is.
                    register_post_meta($type, $key, array(
                        'type' => 'string',
                        'single' => true,
                        'description' => "IGNY8 $field (read by the SEO plugin).",
                        'sanitize_callback' => $field === 'canonical_url' ? 'esc_url_raw' : 'sanitize_text_field',
                        'show_in_rest' => array('schema' => array('type' => 'string', 'context' => array('edit'))),
                        'auth_callback' => array(Igny8_Content_Id::class, 'can_edit'),
                    ));
                }
            }
        }
    }

    /** The SEO plugins active on this site, of those IGNY8 writes for. */
    public static function active_plugins(): array
    {
        $active = array();
        if (defined('WPSEO_VERSION')) {
            $active[] = 'yoast';
        }
        if (class_exists('RankMath') || defined('RANK_MATH_VERSION')) {
            $active[] = 'rank_math';
        }
        return $active;
    }

    /** What the status document says about SEO fields (`meta`: this plugin registers the keys). */
    public static function status(): array
    {
        return array('meta' => true, 'active' => self::active_plugins());
    }
}
