<?php
/**
 * Standard Webhooks signing (https://www.standardwebhooks.com/).
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Signature
{
    /**
     * "v1," + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")), where key is the base64-decoded
     * part of the secret after "whsec_".
     */
    public static function sign(string $secret, string $id, int $timestamp, string $body): string
    {
        $encoded = strpos($secret, 'whsec_') === 0 ? substr($secret, 6) : $secret;
        $key = base64_decode($encoded, true);
        if ($key === false) {
            $key = '';
        }
        return 'v1,' . base64_encode(hash_hmac('sha256', $id . '.' . $timestamp . '.' . $body, $key, true));
    }

    /** The three Standard Webhooks headers for one send. */
    public static function headers(string $secret, string $id, int $timestamp, string $body): array
    {
        return array(
            'webhook-id' => $id,
            'webhook-timestamp' => (string) $timestamp,
            'webhook-signature' => self::sign($secret, $id, $timestamp, $body),
        );
    }
}
