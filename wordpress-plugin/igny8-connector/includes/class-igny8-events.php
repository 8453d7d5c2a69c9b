<?php
/**
 * Turns post changes into queued webhook events.
 *
 * One save gives one event: created (first save of a new post, also the first real save of an
 * auto-draft), trashed, untrashed, status changed (any other transition), or updated. Within one request a second event of the same action for
 * the same post is folded into the first (the block editor saves twice); a queued event no one
 * has tried to send yet absorbs later updates of its post.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Events
{
    const ACTIONS = array('post_created', 'post_updated', 'post_status_changed', 'post_trashed', 'post_untrashed', 'post_deleted');

    /** Seconds during which the block editor's follow-up meta-box save is part of the same save. */
    const META_BOX_WINDOW = 30;

    /** @var array<string,int> "post_id:action" => queue row id, for this request */
    private static $seen = array();
    /** @var array<int,array{from:string,to:string}> status transitions of this request */
    private static $transitions = array();
    /** @var array<int,array> payloads captured before a post is deleted */
    private static $deleting = array();

    public static function register(): void
    {
        add_action('transition_post_status', array(self::class, 'on_transition'), 10, 3);
        add_action('wp_after_insert_post', array(self::class, 'on_after_insert'), 10, 4);
        add_action('trashed_post', array(self::class, 'on_trashed'), 10, 1);
        add_action('untrashed_post', array(self::class, 'on_untrashed'), 10, 2);
        add_action('before_delete_post', array(self::class, 'on_before_delete'), 10, 1);
        add_action('deleted_post', array(self::class, 'on_deleted'), 10, 1);
    }

    /** Starts a new request scope for de-duplication (long-running CLI processes, tests). */
    public static function reset_request(): void
    {
        self::$seen = array();
        self::$transitions = array();
        self::$deleting = array();
        Igny8_Runner::reset_request();
    }

    public static function on_transition($new_status, $old_status, $post): void
    {
        if ($new_status === $old_status || !($post instanceof WP_Post)) {
            return;
        }
        $from = isset(self::$transitions[$post->ID]) ? self::$transitions[$post->ID]['from'] : (string) $old_status;
        self::$transitions[$post->ID] = array('from' => $from, 'to' => (string) $new_status);
    }

    public static function on_after_insert($post_id, $post, $update, $post_before): void
    {
        $transition = self::$transitions[$post_id] ?? null;
        unset(self::$transitions[$post_id]);
        if (!self::is_tracked($post) || (defined('DOING_AUTOSAVE') && DOING_AUTOSAVE)) {
            return;
        }
        // wp_trash_post()/wp_untrash_post() report these again through trashed_post/untrashed_post;
        // a status update into or out of the trash (e.g. through REST) only passes here.
        if ($post->post_status === 'trash') {
            self::emit('post_trashed', $post);
            return;
        }
        if ($transition && $transition['from'] === 'trash') {
            self::emit('post_untrashed', $post);
            return;
        }
        $was_new = !$update
            || ($post_before instanceof WP_Post && $post_before->post_status === 'auto-draft')
            || ($transition && in_array($transition['from'], array('new', 'auto-draft'), true));
        if ($was_new) {
            self::emit('post_created', $post);
        } elseif ($transition) {
            self::emit('post_status_changed', $post, array('previous_status' => $transition['from']));
        } elseif (self::is_meta_box_follow_up($post)) {
            return;
        } else {
            self::emit('post_updated', $post);
        }
    }

    public static function on_trashed($post_id): void
    {
        $post = get_post($post_id);
        if (self::is_tracked($post)) {
            self::emit('post_trashed', $post);
        }
    }

    public static function on_untrashed($post_id, $previous_status = ''): void
    {
        $post = get_post($post_id);
        if (self::is_tracked($post)) {
            self::emit('post_untrashed', $post);
        }
    }

    public static function on_before_delete($post_id): void
    {
        $post = get_post($post_id);
        if (self::is_tracked($post)) {
            self::$deleting[(int) $post_id] = self::payload('post_deleted', $post);
        }
    }

    public static function on_deleted($post_id): void
    {
        $payload = self::$deleting[(int) $post_id] ?? null;
        unset(self::$deleting[(int) $post_id]);
        if ($payload) {
            $payload['occurred_at'] = gmdate('Y-m-d\TH:i:s\Z');
            self::queue($payload);
        }
    }

    /** The webhook body for one post event. */
    public static function payload(string $action, WP_Post $post, array $extra = array()): array
    {
        $payload = array(
            'action' => $action,
            'post_id' => (int) $post->ID,
            'post_type' => $post->post_type,
            'site_url' => home_url(),
            'event_id' => wp_generate_uuid4(),
            'status' => $post->post_status,
            'modified_gmt' => self::modified_gmt($post),
            'occurred_at' => gmdate('Y-m-d\TH:i:s\Z'),
            'integration_id' => (string) Igny8_Config::get()['integration_id'],
        );
        $content_id = (string) get_post_meta($post->ID, Igny8_Content_Id::META_KEY, true);
        if ($content_id !== '') {
            $payload['igny8_content_id'] = $content_id;
        }
        if (Igny8_Request_Context::is_igny8_origin()) {
            $payload['origin'] = 'igny8';
        }
        return array_merge($payload, $extra);
    }

    /**
     * The post's modified_gmt exactly as the REST API shows it (Y-m-d\TH:i:s). New drafts have a
     * zero post_modified_gmt; REST then derives it from post_modified and the site's offset.
     */
    public static function modified_gmt(WP_Post $post): ?string
    {
        return self::format_gmt((string) $post->post_modified_gmt, (string) $post->post_modified);
    }

    /** See modified_gmt(); takes the two columns, for callers that read the row themselves. */
    public static function format_gmt(string $mysql_gmt, string $mysql_local = ''): ?string
    {
        if ($mysql_gmt === '' || strpos($mysql_gmt, '0000-00-00') === 0) {
            if ($mysql_local === '' || strpos($mysql_local, '0000-00-00') === 0) {
                return null;
            }
            $mysql_gmt = gmdate('Y-m-d H:i:s', (int) (strtotime($mysql_local) - get_option('gmt_offset') * HOUR_IN_SECONDS));
        }
        return str_replace(' ', 'T', $mysql_gmt);
    }

    private static function is_tracked($post): bool
    {
        return $post instanceof WP_Post
            && Igny8_Config::is_configured()
            && in_array($post->post_type, Igny8_Config::tracked_post_types(), true)
            && !wp_is_post_revision($post)
            && !wp_is_post_autosave($post)
            && !in_array($post->post_status, array('auto-draft', 'inherit'), true);
    }

    /**
     * The block editor saves through REST, then posts its meta boxes to post.php?meta-box-loader=1,
     * which updates the post again: that second request is part of the same save.
     */
    private static function is_meta_box_follow_up(WP_Post $post): bool
    {
        return isset($_GET['meta-box-loader'])
            && Igny8_Queue::has_recent_event((int) $post->ID, time() - self::META_BOX_WINDOW);
    }

    private static function emit(string $action, WP_Post $post, array $extra = array()): void
    {
        $pid = (int) $post->ID;
        $earlier = self::$seen["$pid:$action"] ?? null;
        if ($earlier === null && $action === 'post_updated') {
            // the earlier event of this request already says "fetch this post"
            $earlier = self::$seen["$pid:post_created"] ?? self::$seen["$pid:post_status_changed"] ?? null;
        }
        $latest = array(
            'status' => $post->post_status,
            'modified_gmt' => self::modified_gmt($post),
            'origin' => Igny8_Request_Context::is_igny8_origin() ? 'igny8' : null,
        );
        if ($earlier !== null) {
            Igny8_Queue::refresh_unsent($earlier, $latest);
            return;
        }
        if ($action === 'post_updated') {
            $unsent = Igny8_Queue::find_unsent($pid, $action);
            if ($unsent && Igny8_Queue::refresh_unsent($unsent, $latest)) {
                self::$seen["$pid:$action"] = $unsent;
                return;
            }
        }
        self::$seen["$pid:$action"] = self::queue(self::payload($action, $post, $extra));
    }

    private static function queue(array $payload): int
    {
        $payload = (array) apply_filters('igny8_webhook_payload', $payload);
        $id = Igny8_Queue::enqueue($payload);
        Igny8_Runner::request_delivery();
        return $id;
    }
}
